/*
 * clm_resp - reading the answers to an 837P: TA1 (interchange
 * acknowledgment), 999 (005010X231A1), 277CA (005010X214) and 835
 * (005010X221A1), on the X12 tokenizer of clm_x12in (several interchanges
 * per file, delimiters from each ISA, BOM, CRLF and newline terminators).
 *
 * The reader hands out one item at a time: a TA1, the IK5 of one
 * acknowledged transaction set, the AK9 of one acknowledged group, one
 * claim of a 277CA (loop 2200D), one claim of an 835 (CLP, with its service
 * lines), one provider-level adjustment segment of an 835 (PLB: its
 * reasons and amounts in adj, each reason's PLB03-2 reference in codes
 * as "PLB:reason:reference"; amounts as sent: positive is money the payer
 * withholds from this payment), or a transaction set it does not read.  Only code-shaped values
 * are kept (control numbers, claim ids, codes, amounts, dates); names and
 * member ids are never copied.  Matching the items to the claims sent is
 * the caller's (clm-response, through the sent archive).
 *
 * Ownership: an item returned by clm_resp_next belongs to the reader and
 * is valid until the next clm_resp_next or clm_resp_close.
 */
#ifndef CLM_RESP_H
#define CLM_RESP_H

#include <stddef.h>

#include "clm_error.h"
#include "clm_x12in.h"

enum clm_resp_kind {
	CLM_RESP_TA1,		/* isa13, ack, codes */
	CLM_RESP_999_SET,	/* gs06, st02, ack (IK501), codes */
	CLM_RESP_999_GROUP,	/* gs06, ack (AK901), codes */
	CLM_RESP_277_CLAIM,	/* clm01, ack (category), codes, billed ... */
	CLM_RESP_835_CLAIM,	/* clm01, ack (CLP02), amounts, lines */
	CLM_RESP_835_PLB,	/* one PLB: adj (reason, amount), codes */
	CLM_RESP_OTHER		/* a transaction set not read (ack = ST01) */
};

#define CLM_RESP_MAX_ADJ 64	/* CAS amounts kept per claim or line */
#define CLM_RESP_MAX_LINES 999	/* SVC kept per CLP */
#define CLM_RESP_CODES 512	/* bytes of a codes list */

#define CLM_RESP_MAX_ERRS 32	/* 999 IK3 loops kept per set */

/* One 999 IK3 loop: the segment it points at and its codes. */
struct clm_resp_err {
	long pos;			/* IK302: position in the set, ST = 1 */
	char codes[128];		/* "IK3:...;IK4:..." */
};

/* One CAS reason: group (CO, PR, OA, PI), reason code, amount. */
struct clm_resp_adj {
	char group[3];
	char reason[6];
	long long cents;
};

struct clm_resp_adjs {
	struct clm_resp_adj v[CLM_RESP_MAX_ADJ];
	int n;
	int dropped;			/* reasons past the limit */
	char remarks[CLM_RESP_CODES];	/* RARC, ';'-separated */
};

struct clm_resp_line {
	char proc[64];			/* SVC01 as sent: "HC:97110:GP" */
	long long billed, paid;		/* SVC02, SVC03 */
	char units[16];			/* SVC05 */
	long from, to;			/* DTM 472 or 150/151 */
	char ctrl[32];			/* REF*6R */
	struct clm_resp_adjs adj;
	long pos;
};

struct clm_resp_item {
	enum clm_resp_kind kind;
	long pos;			/* segment number in the file */
	/* envelope of the response itself */
	char isa13[16], gs06[16], st02[16];
	/* what it answers */
	char ref_isa13[16];		/* TA101 */
	char ref_gs06[16];		/* AK102 */
	char ref_st02[16];		/* AK202 */
	char clm01[40];			/* 277CA TRN02, 835 CLP01 */
	char ack[8];			/* TA104, IK501, AK901, STC category,
					   CLP02 */
	char codes[CLM_RESP_CODES];	/* IK3/IK4/IK5, STC, TA105 */
	char ctx_claims[CLM_RESP_CODES];	/* 999: CLM01s named by CTX*CLM01
					   in the set's IK3 loops, ';' */
	struct clm_resp_err errs[CLM_RESP_MAX_ERRS];	/* 999: IK3 loops */
	int nerrs, errs_dropped;
	char payer_ctl[40];		/* 277CA REF*1K, 835 CLP07 */
	char payer_id[40];		/* 277CA NM1*PR, 835 N1*PR / TRN03 */
	int has_billed, has_paid, has_pr;
	long long billed, paid, pr;	/* STC04/CLP03, CLP04, CLP05 */
	long from, to;			/* DTP*472, DTM 232/233 or lines */
	struct clm_resp_adjs adj;	/* claim-level CAS, MOA remarks */
	struct clm_resp_line *lines;
	size_t nlines;
	int lines_dropped;
	int unbalanced;			/* 835 CLP03 - CAS != CLP04 */
	/* 835: the remittance it is part of (duplicate detection) */
	long set_pos;			/* segment number of its ST */
	char trn02[64];			/* TRN02 check or EFT trace number */
	char trn03[16];			/* TRN03 payer identifier */
	int has_bpr;
	long long bpr02;		/* BPR02 total paid, cents */
};

struct clm_resp;

struct clm_resp *clm_resp_open(clm_x12in_read_fn fn, void *ctx,
    const char *name);
void clm_resp_close(struct clm_resp *r);
/* Next item: 1 with *it set, 0 at the end, <0 on a fatal error (I/O, not
 * X12, a segment past the tokenizer's limits). */
int clm_resp_next(struct clm_resp *r, struct clm_resp_item **it,
    struct clm_error *err);

/*
 * The status an item gives the claims it answers, clm policy (not X12;
 * clm-response(1) "STATUS"): "accepted" or "rejected" (TA1, 999, 277CA),
 * "pended" (277CA A0/A1 and other categories; 835 CLP02 23/25 or CARC
 * 133), "paid", "partly-paid", "denied", "reversed" (835), "adjusted" (an
 * 835 PLB: not a claim's).  NULL for an item of kind CLM_RESP_OTHER.
 */
const char *clm_resp_status(const struct clm_resp_item *it);
/* The status of one 835 service line: paid, denied, pended, reversed. */
const char *clm_resp_line_status(const struct clm_resp_item *it,
    const struct clm_resp_line *l);
/* Plain words for a PLB03-1 adjustment reason code, "" when unknown. */
const char *clm_resp_plb_words(const char *code);
/* Sum of the adjustments of one group ("" = all). */
long long clm_resp_adj_sum(const struct clm_resp_adjs *a, const char *group);

#endif
