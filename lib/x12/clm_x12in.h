/*
 * clm_x12in - reading X12 837P (005010X222A1) back into records.
 *
 * Two layers.  The tokenizer (clm_x12in_tok_*) streams segments out of any
 * byte source: delimiters come from each ISA (element separator byte 4,
 * repetition 83, component 105, terminator 106), a BOM and whitespace or
 * line breaks after terminators are skipped, several interchanges may
 * follow one another.  A segment's elements point into the tokenizer's
 * buffer (no copy) and stay valid until the next clm_x12in_tok_next.
 *
 * The reader (clm_x12in_*) runs the 837P loop state machine over the
 * segments and hands out one claim at a time: claim-level values, its
 * service lines (one record row each) and the structural findings a 999
 * would carry (segment number counted from ST as 1, loop, never a value
 * that could be patient data).  Memory is flat: one claim, the context of
 * its billing provider, subscriber and patient, and the envelope.
 *
 * Ownership: a claim returned by clm_x12in_next belongs to the reader and
 * is valid until the next clm_x12in_next or clm_x12in_close.  Each
 * reader owns its validation caches (clm_x12in_val.c, allocated with it;
 * the guide's tables are read-only once built): any number of readers may
 * run in one process, one thread per reader.
 */
#ifndef CLM_X12IN_H
#define CLM_X12IN_H

#include <stddef.h>

#include "clm_error.h"
#include "clm_finding.h"
#include "clm_record.h"

/* Same contract as clm_csv_read_fn: bytes read, 0 at end, <0 on error. */
typedef long (*clm_x12in_read_fn)(void *ctx, void *buf, size_t size,
    struct clm_error *err);

#define CLM_X12IN_MAX_ELEMENTS 64	/* elements kept per segment */
#define CLM_X12IN_MAX_SEGMENT 65536	/* bytes; longer is an input error */

struct clm_x12in_delims {
	char elem;
	char rep;	/* 0 when ISA11 is not a separator (4010 'U') */
	char comp;
	char seg;
};

struct clm_x12in_seg {
	char id[4];		/* segment id, "" when unreadable */
	unsigned code;		/* id packed by clm_x12in_code, for speed */
	size_t nel;		/* elements after the id, all of them */
	const char *el[CLM_X12IN_MAX_ELEMENTS + 1];	/* el[0] is the id */
	size_t len[CLM_X12IN_MAX_ELEMENTS + 1];
	long pos;		/* segment number in the file, from 1 */
	long line;		/* physical line it starts on, from 1 */
	int isa_irregular;	/* ISA read, but not the fixed 106 bytes */
	int unterminated;	/* input ended inside this segment */
};

struct clm_x12in_tok;

struct clm_x12in_tok *clm_x12in_tok_open(clm_x12in_read_fn fn, void *ctx,
    const char *name);
void clm_x12in_tok_close(struct clm_x12in_tok *t);
/* Next segment: 1, 0 at the end, or <0 (no ISA, unreadable ISA, limit). */
int clm_x12in_tok_next(struct clm_x12in_tok *t, struct clm_x12in_seg *s,
    struct clm_error *err);
const struct clm_x12in_delims *clm_x12in_tok_delims(
    const struct clm_x12in_tok *t);
/* Element i (1-based) of s: its length, *p set ("" when absent). */
size_t clm_x12in_el(const struct clm_x12in_seg *s, size_t i, const char **p);
/* Component k (1-based) of element i split on comp. */
size_t clm_x12in_comp(const struct clm_x12in_seg *s, size_t i, size_t k,
    char comp, const char **p);
/* A segment id packed in an integer (compile-time for literals). */
static inline unsigned
clm_x12in_code(const char *id)
{
	return id[0] == '\0' ? 0 : id[1] == '\0' ? (unsigned char)id[0] :
	    id[2] == '\0' ? ((unsigned)(unsigned char)id[0] << 8 |
	    (unsigned char)id[1]) : ((unsigned)(unsigned char)id[0] << 16 |
	    (unsigned)(unsigned char)id[1] << 8 | (unsigned char)id[2]);
}
#define CLM_X12IN_IS(s, lit) ((s)->code == clm_x12in_code(lit))

/* Non-zero when element i equals the NUL-terminated string v. */
int clm_x12in_el_is(const struct clm_x12in_seg *s, size_t i, const char *v);

/* The reader. */
struct clm_x12in;
struct clm_x12in_claim;

struct clm_x12in *clm_x12in_open(clm_x12in_read_fn fn, void *ctx,
    const char *name);
void clm_x12in_close(struct clm_x12in *x);
/*
 * Next claim: 1 with *c set, 0 at the end, <0 on a fatal error (I/O, no
 * ISA, a transaction set that is not an 837P, a ceiling hit).
 */
/*
 * Events for an acknowledgement writer (clm_x12ack): envelopes opened and
 * closed and every structural problem, in file order.  A problem names
 * the transaction-set segment position (ST = 1), the segment id, the
 * loop, the element and component (0 when none) and a 999 code; never a
 * value.  seg is NULL for a trailer that is missing.
 */
enum clm_x12in_ev { CLM_X12IN_EV_ISA, CLM_X12IN_EV_GS, CLM_X12IN_EV_ST,
	CLM_X12IN_EV_PROBLEM, CLM_X12IN_EV_SE, CLM_X12IN_EV_GE,
	CLM_X12IN_EV_IEA };
struct clm_x12in_event {
	enum clm_x12in_ev kind;
	const struct clm_x12in_seg *seg;
	enum clm_edit edit;		/* PROBLEM */
	const char *segid;
	long setpos;			/* 0 outside a transaction set */
	const char *loop;		/* "2300", "" for header/envelope */
	int el, comp;
	const char *code;		/* IK403 (el > 0) or IK304, NULL */
	long nst;			/* GE: sets in the group */
};
typedef void (*clm_x12in_event_fn)(void *ctx,
    const struct clm_x12in_event *ev);
void clm_x12in_on_event(struct clm_x12in *x, clm_x12in_event_fn fn,
    void *ctx);

int clm_x12in_next(struct clm_x12in *x, struct clm_x12in_claim **c,
    struct clm_error *err);
/*
 * Findings that belong to no claim (a transaction set without claims, a
 * stray segment between interchanges).  Valid until the next
 * clm_x12in_next; the caller may clear them.
 */
struct clm_findings *clm_x12in_orphans(struct clm_x12in *x);

/* Non-zero for the canonical columns the reader fills. */
int clm_x12in_fills(enum clm_column col);
/* Record rows of the claim (its service lines; 1 when it has none). */
size_t clm_x12in_claim_rows(const struct clm_x12in_claim *c);
/* Value of a column on row r ("" when empty). */
const char *clm_x12in_claim_value(const struct clm_x12in_claim *c,
    size_t r, enum clm_column col, size_t *len);
/* File segment number of the claim's CLM (counting from the first ISA). */
long clm_x12in_claim_pos(const struct clm_x12in_claim *c);
/* The physical line (from 1) of row r's LX, or of the CLM for a claim
 * without lines. */
long clm_x12in_claim_phys_line(const struct clm_x12in_claim *c, size_t r);
struct clm_findings *clm_x12in_claim_findings(struct clm_x12in_claim *c);

#endif
