/*
 * clm_scrub - the scrub stage: the edits payers apply to one claim
 * (clm_scrub_claim.c: the shared edit functions of lib/edits, the payer
 * rules) and across claims (clm_scrub_cross.c: NCCI PTP and MUE, duplicate
 * claims, in a bounded window of held claims passed on later).  No
 * globals: the context holds everything, so several scrub stages may run
 * in one process.
 *
 * Ownership: the caller fills a clm_scrub_ctx (the code set, rules and
 * history it opened, which it frees), creates the cross-claim state with
 * clm_scrub_cross_new and frees it with clm_scrub_cross_free after the
 * stage was flushed.
 */
#ifndef CLM_SCRUB_H
#define CLM_SCRUB_H

#include <stdint.h>

#include "clm_codeset.h"
#include "clm_history.h"
#include "clm_rules.h"
#include "clm_stage.h"

struct clm_scrub_cross;

struct clm_scrub_ctx {
	long as_of;			/* CCYYMMDD */
	struct clm_codeset *cs;		/* NULL: no NCCI and MUE edits */
	struct clm_rules *rules;
	const char *history_path;	/* named in DUP-HISTORY messages */
	const char *history_append;	/* non-NULL: remember claims sent */
	struct clm_history *hist;
	unsigned long window;		/* claims held to flag both sides */
	unsigned long lookback;		/* service lines kept for PTP/MUE */
	struct clm_scrub_cross *cross;
	const struct clm_header *h;	/* the stream's, from the start */
};

/* The stage over sc (borrowed). */
struct clm_stage clm_scrub_stage(struct clm_scrub_ctx *sc);

/* clm_scrub_claim.c: edits that look at one claim. */
void clm_scrub_check_claim(const struct clm_scrub_ctx *sc, const struct clm_claim *c,
    const struct clm_header *h, struct clm_findings *f);
long clm_scrub_line_no(const struct clm_row *row, const struct clm_header *h);
/* Units or an amount as a number; 0 when empty or not a number. */
int clm_scrub_number(const char *s, double *out);

/* clm_scrub_cross.c: edits across lines and claims, and the window of
 * held claims. */
struct clm_scrub_cross *clm_scrub_cross_new(unsigned long window,
    unsigned long lookback);
void clm_scrub_cross_free(struct clm_scrub_cross *x);
/* Cross edits for a claim; returns CLM_STAGE_HELD when it was held (passed
 * on later), CLM_STAGE_PASS otherwise, <0 when passing on failed. */
int clm_scrub_cross_claim(struct clm_scrub_ctx *sc, const struct clm_next *next,
    struct clm_item *it, struct clm_error *err);
/* The end of the input: pass on the claims still held, in input order. */
int clm_scrub_cross_flush(struct clm_scrub_ctx *sc, const struct clm_next *next,
    struct clm_error *err);
/* After the flush: add the claims passed on without an error to the
 * history_append file (0, or <0 with err set). */
int clm_scrub_history_append(const struct clm_scrub_ctx *sc,
    struct clm_error *err);

/* What the window could not do, for the caller's notes. */
struct clm_scrub_notes {
	unsigned long late_only;	/* pairs on claims already passed on */
	unsigned long window;
	unsigned long evicted;		/* service lines past the lookback */
	unsigned long lookback;
	unsigned long dup_full;		/* claims past the duplicate log */
	unsigned long dup_max;
};
void clm_scrub_cross_notes(const struct clm_scrub_ctx *sc,
    struct clm_scrub_notes *n);

#endif
