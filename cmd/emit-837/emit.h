/* clm-emit-837: shared state of the tool's files (main, check, render). */
#ifndef EMIT_H
#define EMIT_H

#include <stdint.h>
#include <stdio.h>

#include "clm_archive.h"
#include "clm_837p.h"
#include "clm_finding.h"
#include "clm_partner.h"
#include "clm_record.h"
#include "clm_x12.h"
#include "rejects.h"

#define EMIT_MAX_LINES CLM_837P_MAX_LINES	/* 2400 repeat */
#define EMIT_MAX_HL_CLAIMS 100	/* 2300 repeat per 2000B/2000C */

/* Where the streaming hierarchy stands; copied, changed, then committed
 * only when a claim is written, so a held-back claim changes nothing. */
struct emit_hl {
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

struct emit_ctx {
	struct clm_partner partner;
	const char *partner_path;
	const char *state_path;
	char *state_default;
	const char *rejects_path;
	struct clm_out *rejects;
	struct emit_rejects rj;		/* its writer */
	int rejects_headers;		/* --rejects-headers */
	const struct clm_header *h;
	struct clm_x12_writer w;
	FILE *spool;
	unsigned long long spool_len;
	unsigned long long *bht;	/* placeholder offsets in the spool */
	size_t nbht, capbht;
	struct emit_hl st;
	struct emit_hl pending;		/* st after the claim in hand */
	size_t *pend;			/* BHT03 spots in e->w.buf */
	size_t npend, cappend;
	struct clm_row *prev;		/* row 0 of the last claim written */
	unsigned long written;		/* 2300 loops written */
	unsigned long held;		/* claims held back */
	struct clm_findings *f;		/* the claim in hand's */
	long cur_line;			/* line_no rendered, 0: claim */
	int extra_dx[64], nextra_dx;	/* header columns dx13, dx14 ... */
	int extra_mod[64], nextra_mod;	/* mod5, mod6 ... */
	char today[9], now[5];
	const char *history_path;	/* --history: fingerprints sent */
	uint64_t *sent_fps;		/* fingerprints of claims written */
	size_t nsent, capsent;
	const char *archive_path;	/* --archive: the sent archive */
	struct clm_archive_spool *archive;	/* claims written, until then */
	unsigned long ctl_used;		/* ISA13 of the interchange written */
};

/* Checks before writing; findings go to f. */
void emit_check_claim(struct emit_ctx *e, const struct clm_claim *c,
    struct clm_findings *f);
int emit_is_dependent(const struct emit_ctx *e, const struct clm_row *r);
/* The line columns of a row in the 2430 sense: any line_oth_* set. */
int emit_line_has_cob(const struct emit_ctx *e, const struct clm_row *r);

int emit_needs_rendering(const struct emit_ctx *e, const struct clm_row *r);
int emit_line_needs_rendering(const struct emit_ctx *e,
    const struct clm_row *r);
int emit_needs_accident_date(const struct emit_ctx *e,
    const struct clm_row *r);

/* One claim or line adjustment (2320/2430 CAS). */
#define EMIT_MAX_ADJ 30
struct emit_adj {
	char group[3];
	char reason[6];
	char amount[20];
};
int emit_parse_adj(const char *s, struct emit_adj *out, int max);
int emit_adj_groups(const struct emit_adj *a, int n);

/* Render the claim into e->w under *hl; returns w.bad (0 = good). */
unsigned long emit_render_claim(struct emit_ctx *e, const struct clm_claim *c,
    struct emit_hl *hl);
/* SE for the open transaction (into e->w). */
void emit_render_se(struct emit_ctx *e, struct emit_hl *hl);

#endif
