/*
 * clm-scrub internals: the tool's state (scrub_ctx), the edits on one claim
 * (checks.c) and the edits across claims with their bounded window
 * (cross.c).
 */
#ifndef SCRUB_H
#define SCRUB_H

#include <stdint.h>

#include "clm_codeset.h"
#include "clm_history.h"
#include "clm_rules.h"
#include "clm_tool.h"

#define SCRUB_MAX_RULE_PATHS 64

struct scrub_cross;

struct scrub_ctx {
	long as_of;			/* CCYYMMDD */
	const char *codesets_path;	/* --codesets */
	int no_ncci;			/* --no-ncci */
	struct clm_codeset *cs;
	const char *rule_paths[SCRUB_MAX_RULE_PATHS];
	int nrule_paths;
	int no_default_rules;
	struct clm_rules *rules;
	const char *history_path;
	const char *history_append;	/* --history-append */
	struct clm_history *hist;
	unsigned long window;		/* claims held to flag both sides */
	unsigned long lookback;		/* service lines kept for PTP/MUE */
	struct scrub_cross *cross;
	const struct clm_header *h;	/* the stream's, from the start */
};

/* checks.c: edits that look at one claim. */
void scrub_check_claim(const struct scrub_ctx *sc, const struct clm_claim *c,
    const struct clm_header *h, struct clm_findings *f);
long scrub_line_no(const struct clm_row *row, const struct clm_header *h);
/* Units or an amount as a number; 0 when empty or not a number. */
int scrub_number(const char *s, double *out);

/* cross.c: edits across lines and claims, and the window of held claims. */
struct scrub_cross *scrub_cross_new(unsigned long window,
    unsigned long lookback);
void scrub_cross_free(struct scrub_cross *x);
/* Cross edits for a claim; returns CLM_STAGE_HELD when it was held (passed
 * on later), CLM_STAGE_PASS otherwise, <0 when passing on failed. */
int scrub_cross_claim(struct scrub_ctx *sc, const struct clm_next *next,
    struct clm_item *it, struct clm_error *err);
/* The end of the input: pass on the claims still held, in input order. */
int scrub_cross_flush(struct scrub_ctx *sc, const struct clm_next *next,
    struct clm_error *err);
/* After the flush: --history-append, and the notes on stderr. */
int scrub_cross_finish(struct clm_tool *t, struct scrub_ctx *sc);

#endif
