/*
 * clm_837p_out - a claim into the 837P (005010X222A1): the guard that says
 * whether a claim can be written (clm_837p_guard.c: everything the 837P
 * needs is present, fits its element, stays inside the guide's limits) and
 * the renderer that writes its segments (clm_837p_render.c).  clm-emit-837
 * owns the interchange around them (control numbers, spool, outputs).
 *
 * The caller owns the struct and everything it points to; the renderer
 * writes into w and keeps prev (row 0 of the last claim written, owned by
 * the caller) and pend (the BHT03 spots of the last claim, freed by the
 * caller) up to date.
 */
#ifndef CLM_837P_OUT_H
#define CLM_837P_OUT_H

#include <stddef.h>

#include "clm_837p.h"
#include "clm_finding.h"
#include "clm_partner.h"
#include "clm_record.h"
#include "clm_x12.h"

#define CLM_837P_MAX_HL_CLAIMS 100	/* 2300 repeat per 2000B/2000C */

/* Where the streaming hierarchy stands; copied, changed, then committed
 * only when a claim is written, so a held-back claim changes nothing. */
struct clm_837p_hl {
	int st_open;
	unsigned st_no;			/* ST02 of the open set */
	unsigned long st_claims;	/* 2300 loops in it */
	unsigned long st_segs;		/* segments from ST so far */
	unsigned long hl;		/* last HL01 */
	unsigned long hl_bill, hl_sub, hl_pat;
	int sub_children;		/* HL04 of the open 2000B */
	unsigned long hl_claims;	/* 2300 under the claim's parent HL */
	int have_prev;			/* prev row valid in this ST */
	unsigned long seg_mark;		/* writer segs already counted */
	/* the last claim's segments in its set (ST = 1), from its CLM to
	 * its last line's; 0: split over two sets */
	unsigned long claim_first, claim_last;
};

struct clm_837p_out {
	struct clm_partner partner;
	const struct clm_header *h;
	struct clm_x12_writer w;
	size_t *pend;			/* BHT03 spots in w.buf */
	size_t npend, cappend;
	struct clm_row *prev;		/* row 0 of the last claim written */
	long cur_line;			/* line_no rendered, 0: claim */
	int extra_dx[64], nextra_dx;	/* header columns dx13, dx14 ... */
	int extra_mod[64], nextra_mod;	/* mod5, mod6 ... */
	char today[9], now[5];
};

/* Checks before writing; findings go to f. */
void clm_837p_guard_claim(struct clm_837p_out *e, const struct clm_claim *c,
    struct clm_findings *f);
int clm_837p_is_dependent(const struct clm_837p_out *e,
    const struct clm_row *r);
/* The line columns of a row in the 2430 sense: any line_oth_* set. */
int clm_837p_line_has_cob(const struct clm_837p_out *e,
    const struct clm_row *r);

int clm_837p_needs_rendering(const struct clm_837p_out *e,
    const struct clm_row *r);
int clm_837p_line_needs_rendering(const struct clm_837p_out *e,
    const struct clm_row *r);
int clm_837p_needs_accident_date(const struct clm_837p_out *e,
    const struct clm_row *r);

/* One claim or line adjustment (2320/2430 CAS). */
#define CLM_837P_MAX_ADJ 30
struct clm_837p_adj {
	char group[3];
	char reason[6];
	char amount[20];
};
int clm_837p_parse_adj(const char *s, struct clm_837p_adj *out, int max);
int clm_837p_adj_groups(const struct clm_837p_adj *a, int n);

/* Render the claim into e->w under *hl; returns w.bad (0 = good). */
unsigned long clm_837p_render_claim(struct clm_837p_out *e,
    const struct clm_claim *c, struct clm_837p_hl *hl);
/* SE for the open transaction (into e->w). */
void clm_837p_render_se(struct clm_837p_out *e, struct clm_837p_hl *hl);

#endif
