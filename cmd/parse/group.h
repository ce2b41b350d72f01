/*
 * Grouping of a claim's rows that are not adjacent in the export, keeping
 * first-seen order.  Rows are held in a window of bounded size; when the
 * start of the input (the first window) shows scattered rows, or --sort is
 * given, every row goes through an external merge sort in temporary files;
 * otherwise rows stream, and a row that comes back after its claim left
 * the window makes a separate claim flagged PARSE_SPLIT.
 */
#ifndef PARSE_GROUP_H
#define PARSE_GROUP_H

#include "parse.h"

#define PARSE_MAX_RUNS 64	/* runs merged at once */
/*
 * Sizes, as multiples of the window (the rows held back while streaming,
 * small so that they stay in cache): the start of the input examined for
 * scattered rows, and the rows sorted in memory per run.
 */
#define PARSE_DETECT_FACTOR 16
#define PARSE_SORT_FACTOR 32

struct parse_group;

/* Rows come from up(upsrc); line_col is the line_no column or -1. */
struct parse_group *parse_group_new(struct parse_ctx *pc,
    clm_row_source_fn up, void *upsrc, int id_col, int line_col,
    const char *name);
void parse_group_free(struct parse_group *g);
/* A clm_row_source_fn: the next row in grouped order. */
int parse_group_next(void *g, struct clm_row *row, struct clm_error *err);

#endif
