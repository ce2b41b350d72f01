/*
 * clm-parse internals: format detection, the CSV/TSV reader with header
 * mapping and cell splitting (from_csv.c), claim grouping of scattered rows
 * (group.c); X12 837P comes through the library's X12 source
 * (lib/x12/clm_x12src.h).  The CSV reader takes an opened input and fills
 * a parse_rows whose rows are in the record format and grouped by claim.
 */
#ifndef PARSE_H
#define PARSE_H

#include <stdint.h>

#include "clm_io.h"
#include "clm_map.h"
#include "clm_profile.h"
#include "clm_tool.h"

enum parse_format { PARSE_AUTO, PARSE_CSV, PARSE_TSV, PARSE_X12 };

/* Per-claim flags handed from the grouping to the claim callback. */
enum {
	PARSE_REUSED = 1,	/* id used by an earlier, separate claim */
	PARSE_SPLIT = 2		/* rows came back after the claim was written */
};

struct parse_idset;

#define PARSE_MAX_DEFAULTS 256

/* Rows out of an export, for clm_source_rows (h belongs to src). */
struct parse_rows {
	clm_row_source_fn next;
	void *src;
	struct clm_header *h;
	void (*close)(void *src);
};

struct parse_ctx {
	struct clm_map *map;
	struct clm_profile *profile;	/* --profile ([columns] go to map) */
	int has_values;			/* the profile has [values] */
	unsigned long default_claims[PARSE_MAX_DEFAULTS];
	int missing_noted;		/* PARSE-NO-COLUMN done this run */
	unsigned long skipped[4];	/* title, blank, footer, header */
	enum parse_format from;		/* --from, PARSE_AUTO = detect */
	int print_map;			/* 1 --print-map, 2 --print-profile */
	int sort;			/* --sort: always group externally */
	const char *ack;		/* --ack FILE: the 999 of the X12 read */
	int acked;			/* an X12 input was acknowledged */
	size_t window;			/* bytes of rows held for grouping */
	int grouped;			/* the source queues per-claim flags */
	struct parse_idset *ids;	/* ids seen when it does not */
	unsigned char *flags;		/* queue of per-claim flags */
	size_t nflags, flags_head, flags_cap;
	int ids_full_noted;
	int from_x12;			/* the current input is X12 */
	struct clm_stage stage;		/* the tool's stage (main.c) */
	/* set by the reader for the claim callback (parse_transform) */
	int assign_line_no;		/* the input has no line number */
	int ptr_cols[16];		/* more pointer columns to join */
	int nptr_cols;
	size_t src_cols;		/* columns of the export, 0: no check */
	size_t row_cols;		/* values of a regular row */
	size_t moved;			/* a long row's extras moved up by */
	int keep_headers;		/* --keep-headers: fill src_columns */
	char *src_columns;		/* its value for the current source */
};

/* Patient columns that feed the subscriber's when the patient is self. */
struct parse_pat_sub {
	enum clm_column pat, sub;
};
extern const struct parse_pat_sub parse_pat_sub[];
extern const size_t parse_npat_sub;

/* Bring one claim's cells to the record form (claim.c). */
void parse_transform(struct parse_ctx *pc, const struct clm_header *h,
    struct clm_claim *c, struct clm_findings *f);

/* The same for a claim read from X12 (cross-claim checks only). */
void parse_transform_x12(struct parse_ctx *pc, const struct clm_header *h,
    struct clm_claim *c, struct clm_findings *f);

/* The CSV/TSV reader, delim ',' or '\t'; takes ownership of in. */
/* ahead: the input is a regular file, parsed ahead in a thread. */
int parse_open_csv(struct clm_tool *t, struct clm_in *in,
    unsigned char delim, int ahead, struct parse_rows *s,
    struct clm_error *err);

/* The practice profile at work (profile.c). */
void parse_profile_columns(struct clm_tool *t, struct clm_header *h,
    const char *file, const struct clm_row *names, FILE *map_out);
void parse_profile_apply(struct parse_ctx *pc, const struct clm_header *h,
    struct clm_claim *c, struct clm_findings *f);
void parse_file_finding(struct clm_tool *t, const char *file, long line,
    enum clm_edit e, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
int parse_finish(struct clm_tool *t);

/* --ack: the 999 of the X12 source s, committed when it closes (ack.c). */
int parse_ack_follow(struct clm_tool *t, struct clm_source *s,
    struct clm_error *err);

/* Format of a stream from its first bytes (BOM and white space skipped). */
enum parse_format parse_detect(const unsigned char *buf, size_t len);

/* Claim-id fingerprints: a compact open-addressing set with a ceiling. */
/* 2^20 slots: 8 MB, 786432 ids at 75% load; 12 MB while growing */
#define PARSE_IDSET_MAX_SLOTS ((size_t)1 << 20)
struct parse_idset *parse_idset_new(void);
void parse_idset_free(struct parse_idset *s);
uint64_t parse_id_hash(const char *id, size_t len);
/* 1 if present; else inserts it and returns 0 (-1: full, not inserted). */
int parse_idset_add(struct parse_idset *s, uint64_t h);
int parse_idset_has(const struct parse_idset *s, uint64_t h);

void parse_flags_push(struct parse_ctx *pc, unsigned char f);
unsigned char parse_flags_pop(struct parse_ctx *pc);

#endif
