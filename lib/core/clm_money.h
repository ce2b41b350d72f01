/*
 * clm_money - amounts as exact cents, the one parser for every money
 * column of a record (charge, total_charge, patient_paid, oth_paid...).
 * The record form is a plain decimal with at most 2 places (clm-normalize
 * writes it); no floating point anywhere.  Pure functions.
 */
#ifndef CLM_MONEY_H
#define CLM_MONEY_H

#include <stddef.h>

/* Cents from digits with at most 2 decimals ("150", "150.5", "150.00"),
 * at most 15 characters; -1 when s is not one (empty, a sign, a third
 * decimal, "12."). */
long long clm_money_cents(const char *s);
/* The same with an optional leading '-': 1 and *cents set, or 0. */
int clm_money_parse(const char *s, long long *cents);
/* The same over len bytes (an X12 element): also a leading '+', and a
 * leading '.' (".5", the X12 R type); 1 and *cents set, or 0. */
int clm_money_parse_n(const char *s, size_t len, long long *cents);
/* Cents as a decimal with two places ("150.00"), the record form. */
void clm_money_format(long long cents, char *buf, size_t size);

#endif
