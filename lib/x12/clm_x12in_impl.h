/*
 * clm_x12in_impl.h - internals shared by the files of the X12 reader
 * (clm_x12in.c: claims and values; clm_x12in_env.c: ISA/GS/ST envelopes;
 * clm_x12in_837p.c: loops and segment mapping).  Not a public interface.
 */
#ifndef CLM_X12IN_IMPL_H
#define CLM_X12IN_IMPL_H

#include <stdint.h>

#include "clm_x12in.h"

#define NLINECOLS (CLM_COL_LINE_CTRL - CLM_COL_LINE_NO + 1)

/* Loops of the 837P; L_NONE is outside any transaction set. */
enum clm_x12in_loop {
	L_NONE, L_HDR, L_1000A, L_1000B,
	L_2000A, L_2010AA, L_2010AB, L_2010AC,
	L_2000B, L_2010BA, L_2010BB, L_2000C, L_2010CA,
	L_2300, L_2310A, L_2310B, L_2310C, L_2310D, L_2310E, L_2310F,
	L_2320, L_2330A, L_2330B, L_2330C, L_2330D, L_2330E, L_2330F,
	L_2330G,
	L_2400, L_2410, L_2420A, L_2420B, L_2420C, L_2420D, L_2420E,
	L_2420F, L_2420G, L_2420H, L_2430, L_2440,
	L_COUNT
};

/* Context levels whose values every claim under them inherits. */
enum clm_x12in_levelid { LV_ISA, LV_GS, LV_ST, LV_BILL, LV_SUB, LV_PAT,
	LV_COUNT };

/* Segments seen, for the required-segment checks. */
enum {
	SEEN_NM1 = 1 << 0, SEEN_N3 = 1 << 1, SEEN_N4 = 1 << 2,
	SEEN_SBR = 1 << 3, SEEN_IL = 1 << 4, SEEN_PR = 1 << 5,
	SEEN_HI = 1 << 6, SEEN_REF = 1 << 7, SEEN_DMG = 1 << 8
};

struct clm_x12in_store {
	char *buf;
	size_t used, cap;
	uint32_t off[CLM_COL_COUNT];	/* 0 = empty */
	uint32_t len[CLM_COL_COUNT];
	unsigned char set[CLM_COL_COUNT];	/* columns with a value */
	int nset;
	int full;			/* a value did not fit (ARENA_MAX) */
};

struct clm_x12in_level {
	struct clm_x12in_store v;
	struct clm_findings f;
	unsigned seen;
};

struct clm_x12in_line {
	uint32_t off[NLINECOLS];	/* into the claim's store */
	uint32_t len[NLINECOLS];
	long pos;
	long phys;			/* physical line of its LX */
	unsigned seen;			/* SV1, DTP*472 */
	int nsvd;			/* 2430 loops */
	int svd_dtp;			/* the open 2430 has its DTP*573 */
};

enum { LSEEN_SV1 = 1, LSEEN_DTP = 2, LSEEN_LIN = 4, LSEEN_CTP = 8 };

struct clm_x12in_claim {
	struct clm_x12in_store v;
	struct clm_x12in_line *lines;
	size_t nlines, cap;
	long line_no;			/* line_no of the last line */
	long pos;			/* file segment number of the CLM */
	long phys;			/* physical line of the CLM */
	unsigned seen;
	int n2320;			/* other-subscriber loops */
	int ncas;			/* CAS in the open 2320 or 2430 */
	unsigned seen2320;		/* in the first 2320: OI, 2330A/B */
	int checked;			/* whole-claim checks done (at SE) */
	char carried[24][8];		/* "NOT-CARRIED" reported for these */
	int ncarried;
	struct clm_findings f;
};

/* Control numbers already used in an envelope (the first X12IN_CTL_MAX). */
#define X12IN_CTL_MAX 1024
/* Distinct segments counted per loop instance for their repeat limits. */
#define X12IN_NREP 32
struct clm_x12in_ctlset {
	uint64_t v[X12IN_CTL_MAX];
	size_t n;
};

struct clm_x12in {
	struct clm_x12in_tok *tok;
	const char *name;
	struct clm_x12in_seg seg;
	int pending;			/* seg is to be handled again */
	int done, ready, open;
	int trailer;			/* handling SE/GE/IEA */
	struct clm_x12in_level lv[LV_COUNT];
	struct clm_x12in_claim claim;
	struct clm_findings orphans;
	enum clm_x12in_loop loop;
	/* envelope */
	int in_isa, in_gs, in_st;
	char isa13[16], gs06[16], gs08[40], st02[16];
	struct clm_x12in_ctlset isa_seen;	/* ISA13s of this file */
	struct clm_x12in_ctlset gs_seen;	/* GS06s of this interchange */
	struct clm_x12in_ctlset st_seen;	/* ST02s of this group */
	long ngs, nst, st_seg;
	/* hierarchy */
	long hl_last, hl_bill, hl_sub;
	long hl_claims;			/* claims under the current HL */
	int hl_level;
	long comp_pos;			/* X12-COMPONENT said for it */
	/* validation (clm_x12in_val.c) */
	struct clm_x12in_vcache *vc;	/* its lookup caches, owned */
	enum clm_x12in_loop order_loop;	/* loop of the sequence check */
	int order_last;			/* guide position of the last segment */
	enum clm_x12in_loop req_loop;	/* loop of the required-segment check */
	unsigned req_seen;		/* its required segments seen */
	struct {
		const void *key;	/* guide entry or kind counted */
		unsigned n;
	} rep[X12IN_NREP];		/* segments of the open loop instance */
	int nrep;
	/* where the next finding points, for the 999 (clm_x12in_find_at) */
	int f_el, f_comp;
	const char *f_code;		/* IK403 or IK304 code, NULL: by edit */
	const char *f_segid;		/* IK301 when not the segment's id */
	unsigned long nfind;		/* findings made so far */
	clm_x12in_event_fn on_event;
	void *event_ctx;
};

const char *clm_x12in_loop_name(enum clm_x12in_loop l);
enum clm_x12in_levelid clm_x12in_loop_level(enum clm_x12in_loop l);

void clm_x12in_find(struct clm_x12in *x, const struct clm_x12in_seg *s,
    enum clm_edit e, const char *field, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
/* clm_x12in_find naming element el (component comp, 0 none) and the 999
 * error code (IK403 when el > 0, else IK304; NULL: by edit). */
#define clm_x12in_find_at(x, s, e, el, comp, code, ...) do { \
	(x)->f_el = (el); (x)->f_comp = (comp); (x)->f_code = (code); \
	clm_x12in_find((x), (s), (e), "", __VA_ARGS__); \
} while (0)
void clm_x12in_event(struct clm_x12in *x, enum clm_x12in_ev kind,
    const struct clm_x12in_seg *s);
void clm_x12in_put(struct clm_x12in *x, enum clm_column col, const char *p,
    size_t len);
const char *clm_x12in_get(struct clm_x12in *x, enum clm_column col);
int clm_x12in_append(struct clm_x12in *x, enum clm_column col,
    const char *sep, const char *p, size_t len);
int clm_x12in_line_start(struct clm_x12in *x, const struct clm_x12in_seg *s,
    struct clm_error *err);
void clm_x12in_level_reset(struct clm_x12in_level *lv);

/* clm_x12in_env.c */
int clm_x12in_envelope(struct clm_x12in *x, const struct clm_x12in_seg *s,
    struct clm_error *err);
void clm_x12in_env_eof(struct clm_x12in *x);
/* Trailers missing before a new ST, GS or ISA. */
void clm_x12in_env_missing(struct clm_x12in *x, const struct clm_x12in_seg *s);
/* clm_x12in_837p.c */
/* Bytes outside the X12 basic and extended character sets (X12-CHARSET). */
void clm_x12in_check_charset(struct clm_x12in *x, const struct clm_x12in_seg *s);
int clm_x12in_segment(struct clm_x12in *x, const struct clm_x12in_seg *s,
    struct clm_error *err);
void clm_x12in_check_claim(struct clm_x12in *x);
/* The open claim's whole-claim checks now (before its SE is acknowledged). */
void clm_x12in_claim_check_early(struct clm_x12in *x);
/* clm_x12in_val.c: elements against the guide (clm_x12spec). */
void clm_x12in_check_elements(struct clm_x12in *x, const struct clm_x12in_seg *s);
/* Required segments of the loops the table checks (x->req_loop): note s,
 * and when s opens another loop, report what the last one lacked.  At a
 * trailer (s is SE) the open loop is checked and closed. */
void clm_x12in_loop_segments(struct clm_x12in *x, const struct clm_x12in_seg *s);
/* A segment of a transaction set: its repeat limit in the loop instance
 * (counted since the loop opened, which clm_x12in_loop_segments notes;
 * the first segment past its entry's or kind's maximum is reported), then
 * its elements as clm_x12in_check_elements and its bytes against the X12
 * character sets (clm_x12in_check_charset). */
void clm_x12in_check_segment(struct clm_x12in *x, const struct clm_x12in_seg *s);
/* The reader's validation caches (clm_x12in_val.c), freed with free(). */
struct clm_x12in_vcache *clm_x12in_vcache_new(void);
void clm_x12in_loop_close(struct clm_x12in *x, const struct clm_x12in_seg *s);

#endif
