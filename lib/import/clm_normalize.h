/*
 * clm_normalize - the normalize stage: repair the form of every canonical
 * column (dates, codes, digits, money, names) so later stages can trust
 * what they read.  Each repair is an info finding; what cannot be repaired
 * without guessing is an error finding and the value stays as it was.
 * What each column holds (its normalizer kind) is declared here, once.
 *
 * Ownership: clm_normalize_new returns a context the caller frees with
 * clm_normalize_free, after the last claim; the stage borrows it.  One
 * context serves one stream (its header, from the stage's start).
 */
#ifndef CLM_NORMALIZE_H
#define CLM_NORMALIZE_H

#include "clm_norm.h"
#include "clm_stage.h"

struct clm_normalize;

/* today: CCYYMMDD (two-digit years, dates in the future); keep_case:
 * names and addresses keep their letter case. */
struct clm_normalize *clm_normalize_new(long today, int keep_case);
void clm_normalize_free(struct clm_normalize *nm);
/* Names and addresses keep their letter case (before the first claim). */
void clm_normalize_keep_case(struct clm_normalize *nm, int on);
/* The stage: start adds the columns a repair may write (mod1..mod4 beside
 * proc, dos_to beside dos_from). */
struct clm_stage clm_normalize_stage(struct clm_normalize *nm);

#endif
