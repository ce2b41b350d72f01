/*
 * Grouping of a claim's rows that are not adjacent in the export, keeping
 * first-seen order.  Rows are held in a buffer; an input that ends there
 * is grouped in memory.  Past it, rows stream through a small window only
 * when a first pass over the whole (regular) file found every claim's
 * rows adjacent; otherwise (scattered rows, a pipe, or --sort) every row
 * goes through an external merge sort in temporary files, so that a claim
 * is never split.  A split met while streaming means the file changed
 * between the passes: the late rows are flagged PARSE_SPLIT and the input
 * ends with an error (exit 2, nothing committed).
 */
#ifndef PARSE_GROUP_H
#define PARSE_GROUP_H

#include <stdio.h>

#include "parse.h"

#define PARSE_MAX_RUNS 64	/* runs open at once */
#define PARSE_FAN 16		/* runs of one level merged into one */
/*
 * Sizes, as multiples of the window (the rows held back while streaming,
 * small so that they stay in cache): the start of the input examined for
 * scattered rows, and the rows sorted in memory per run.
 */
#define PARSE_DETECT_FACTOR 16
#define PARSE_SORT_FACTOR 32

struct parse_group;

/*
 * Rows come from up(upsrc); line_col is the line_no column or -1.  path:
 * the input when it is a regular file (read again by the first pass with
 * delim), else NULL.
 */
struct parse_group *parse_group_new(struct parse_ctx *pc,
    clm_row_source_fn up, void *upsrc, int id_col, int line_col,
    const char *name, const char *path, unsigned char delim);
void parse_group_free(struct parse_group *g);
/* A clm_row_source_fn: the next row in grouped order. */
int parse_group_next(void *g, struct clm_row *row, struct clm_error *err);
/* An unlinked temporary file in TMPDIR (else /tmp) for sorted runs. */
FILE *parse_temp_file(const char *name, struct clm_error *err);

/*
 * The first pass's claim starts (starts.c): add one per claim start (the
 * id's fingerprint; continues: its row is not line 1), then ask whether a
 * row came back to an earlier claim.  1 yes, 0 no, <0 error.  Memory:
 * buffer_bytes, whatever the input size; past it, sorted runs on disk.
 */
struct parse_starts;
struct parse_starts *parse_starts_new(const char *name, size_t buffer_bytes);
int parse_starts_add(struct parse_starts *s, uint64_t h, int continues,
    struct clm_error *err);
int parse_starts_scattered(struct parse_starts *s, struct clm_error *err);
void parse_starts_free(struct parse_starts *s);

#endif
