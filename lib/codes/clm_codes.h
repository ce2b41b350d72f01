/*
 * clm_codes - the shape of codes, decided without any code-set index:
 * ICD-10-CM, CPT/HCPCS, modifiers, place of service, NPI (with its Luhn
 * check digit), taxonomy, diagnosis pointers and CCYYMMDD dates.
 *
 * Pure functions on borrowed strings; nothing allocates.
 */
#ifndef CLM_CODES_H
#define CLM_CODES_H

#include <stddef.h>

/* Longest ICD-10-CM code without the dot, plus the NUL. */
#define CLM_CODES_DX_MAX 8

/*
 * Bring a diagnosis to its stored form: upper case, the dot after the
 * third character dropped.  Returns 1 when the result is shaped like an
 * ICD-10-CM code (letter, digit, letter or digit, then up to four letters
 * or digits), else 0 (out then holds whatever fitted, possibly "").
 */
int clm_codes_dx_norm(const char *code, char out[CLM_CODES_DX_MAX]);
/* Display form with the dot: "M5450" -> "M54.50"; out >= 9 bytes. */
void clm_codes_dx_display(const char *code, char *out, size_t size);
/* External cause of morbidity (chapter 20, V00-Y99). */
int clm_codes_dx_is_external(const char *code);

enum clm_codes_proc_kind {
	CLM_PROC_BAD = 0,
	CLM_PROC_CPT,		/* 5 digits, or 4 digits and F, T or U */
	CLM_PROC_HCPCS		/* HCPCS Level II: letter A-V and 4 digits */
};
enum clm_codes_proc_kind clm_codes_proc_kind(const char *code);

/* Two letters or digits. */
int clm_codes_modifier_ok(const char *mod);
/* Two digits. */
int clm_codes_pos_ok(const char *pos);
/* Ten characters, letters or digits, ending in X (NUCC form). */
int clm_codes_taxonomy_ok(const char *tax);

enum clm_codes_npi {
	CLM_NPI_OK = 0,
	CLM_NPI_BAD_FORMAT,	/* not 10 digits starting with 1 or 2 */
	CLM_NPI_BAD_CHECK	/* Luhn check digit (prefix 80840) wrong */
};
enum clm_codes_npi clm_codes_npi_check(const char *npi);
/* The check digit the first nine digits call for, or -1. */
int clm_codes_npi_check_digit(const char *first9);

/*
 * The one parser of record-form diagnosis pointers: "1:3:2" into out (at
 * most max); each pointer is 1-12.  Returns the count, or
 * CLM_DXPTR_EFORM (not numbers joined by ':'), CLM_DXPTR_ERANGE (a pointer
 * outside 1-12) or CLM_DXPTR_ECOUNT (more than max); out holds the good
 * ones read so far.
 */
enum { CLM_DXPTR_EFORM = -1, CLM_DXPTR_ERANGE = -2, CLM_DXPTR_ECOUNT = -3 };
int clm_codes_dxptr_parse(const char *s, int *out, int max);

/* A real CCYYMMDD date as a long, or 0. */
long clm_codes_date(const char *s);
/*
 * The same, also read from the forms exports use before clm-normalize:
 * CCYY-MM-DD and the US order M/D/CCYY or MM-DD-CCYY.  0 when none fits.
 */
long clm_codes_date_any(const char *s);
/* Completed years between birth and date (both CCYYMMDD), or -1. */
int clm_codes_age(long birth, long date);
/* "2026-10-20" into out (>= 11 bytes). */
void clm_codes_date_display(long date, char *out, size_t size);

/*
 * Whether a value may be quoted in a diagnostic: shaped like some code, so
 * that a name, birth date, member id or address shifted into a code column
 * never is.  1 to 16 letters, digits and . : ; , - / $ ( ) with a digit (or
 * at most 2 characters), no run of 4 letters (names, street names), at most
 * 8 digits (member ids, phone numbers; a hyphenated NDC or a taxonomy
 * code excepted), not
 * date-shaped (CCYYMMDD, MMDDCCYY, MMDDYY, 1/2/70).  The one rule every
 * tool quotes by.
 */
int clm_codes_quotable(const char *v);

/* Every one of the n bytes of s is a digit (clm_codes_digits) or one of
 * A-Z 0-9 (clm_codes_upper_alnum); true for n == 0. */
int clm_codes_digits(const char *s, size_t n);
int clm_codes_upper_alnum(const char *s, size_t n);
/* Non-zero when v (n bytes, n > 0) is one of the space-separated words of
 * list: the lookup of every code list of lib/x12/clm_837p.h. */
int clm_codes_word_in(const char *list, const char *v, size_t n);

#endif
