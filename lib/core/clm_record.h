/*
 * clm_record - the record format in memory: canonical columns, the header
 * shared by a stream, rows, claims (adjacent rows grouped), and the writer.
 *
 * A row is a positional array of NUL-terminated values in one arena owned by
 * the row, so unknown columns pass through untouched and in order.  Values
 * returned by clm_row_* stay valid until that row is next changed.  A claim
 * owns its rows until clm_claim_clear or clm_claim_free.
 */
#ifndef CLM_RECORD_H
#define CLM_RECORD_H

#include <stddef.h>

#include "clm_error.h"

#define CLM_RECORD_FORMAT_VERSION "1"
/*
 * The end-of-records line: the last line of a record stream written to a
 * pipe, required by a reader of a pipe (clm_record_in.h).
 */
#define CLM_RECORD_TRAILER "#clm-end-of-records"

enum clm_column {
#define CLM_COLUMN(e, n, l, ...) CLM_COL_##e,
#include "columns.def"
#undef CLM_COLUMN
	CLM_COL_COUNT
};

const char *clm_column_name(enum clm_column col);
/* Canonical column with that exact name, or -1. */
int clm_column_lookup(const char *name);
/* Non-zero for per-line columns (line_no, proc, ...). */
int clm_column_is_line(enum clm_column col);
/* dxN for N in 1..12: CLM_COL_DX1 + N - 1. */
#define CLM_COL_DX(n) ((enum clm_column)(CLM_COL_DX1 + (n) - 1))
#define CLM_COL_MOD(n) ((enum clm_column)(CLM_COL_MOD1 + (n) - 1))

struct clm_header {
	size_t ncols;
	size_t cap;
	char **names;
	int canon[CLM_COL_COUNT];	/* column index, or -1 when absent */
};

struct clm_header *clm_header_new(void);
void clm_header_free(struct clm_header *h);
/* Append a column; returns its index. */
size_t clm_header_add(struct clm_header *h, const char *name);
/* Index of the column with that name, or -1. */
int clm_header_find(const struct clm_header *h, const char *name);
/* Index of a canonical column, adding it at the end if absent. */
size_t clm_header_ensure(struct clm_header *h, enum clm_column col);
/* Fail with CLM_EFORMAT when a column name repeats. */
int clm_header_check(const struct clm_header *h, const char *file,
    struct clm_error *err);

struct clm_row {
	size_t n;		/* values present */
	size_t cap;
	size_t *off;		/* value i starts at buf + off[i] */
	size_t *len;
	char *buf;
	size_t used;
	size_t bufcap;
	long line;		/* physical input line where the row starts */
};

struct clm_row *clm_row_new(void);
void clm_row_free(struct clm_row *row);
void clm_row_reset(struct clm_row *row);
/* Value i, "" past the end.  (Inline: tools call these per value.) */
static inline const char *
clm_row_value(const struct clm_row *row, size_t i)
{
	return i < row->n ? row->buf + row->off[i] : "";
}

static inline size_t
clm_row_value_len(const struct clm_row *row, size_t i)
{
	return i < row->n ? row->len[i] : 0;
}
/* Append a value at position n. */
void clm_row_push(struct clm_row *row, const char *val, size_t len);
/* Replace value i (padding with empty values); val may point into row. */
void clm_row_set_value(struct clm_row *row, size_t i, const char *val,
    size_t len);
/* Canonical access; get returns "" when the header lacks the column. */
static inline const char *
clm_row_get(const struct clm_row *row, const struct clm_header *h,
    enum clm_column col)
{
	int i = h->canon[col];

	return i < 0 ? "" : clm_row_value(row, (size_t)i);
}
/* Set a canonical column; the header must have it (clm_header_ensure). */
void clm_row_set(struct clm_row *row, const struct clm_header *h,
    enum clm_column col, const char *val);
void clm_row_copy(struct clm_row *dst, const struct clm_row *src);

struct clm_claim {
	struct clm_row **rows;
	size_t n;
	size_t cap;
	const char *file;	/* borrowed from the reader */
};

void clm_claim_init(struct clm_claim *c);
void clm_claim_clear(struct clm_claim *c);	/* frees the rows */
void clm_claim_free(struct clm_claim *c);	/* clear, and the array */
void clm_claim_append(struct clm_claim *c, struct clm_row *row);
/* The row of a claim whose line_no is line, or NULL. */
struct clm_row *clm_claim_find_line(const struct clm_claim *c,
    const struct clm_header *h, long line);
const char *clm_claim_id(const struct clm_claim *c,
    const struct clm_header *h);

/*
 * Row sources feed claim grouping: next fills row and returns 1, 0 at the
 * end, or a negative CLM_E* code with err set.
 */
typedef int (*clm_row_source_fn)(void *src, struct clm_row *row,
    struct clm_error *err);

struct clm_grouper {
	clm_row_source_fn next;
	void *src;
	const struct clm_header *h;
	const char *file;
	struct clm_row *pending;	/* first row of the next claim */
	struct clm_row **pool;		/* rows of past claims, for reuse */
	size_t npool, pool_cap;
	int done;
};

void clm_grouper_init(struct clm_grouper *g, clm_row_source_fn next,
    void *src, const struct clm_header *h, const char *file);
void clm_grouper_release(struct clm_grouper *g);
/*
 * Next claim: rows up to where claim_id changes or line_no restarts at 1.
 * The rows c held are recycled.  Returns 1, 0 at the end, or a negative
 * CLM_E* code.
 */
int clm_grouper_next(struct clm_grouper *g, struct clm_claim *c,
    struct clm_error *err);
/* Non-zero when row starts a new claim after prev. */
int clm_record_starts_claim(const struct clm_row *prev,
    const struct clm_row *row, const struct clm_header *h);

struct clm_out;

/* CSV output of rows under a header (RFC 4180, quoting only when needed). */
int clm_record_write_header(struct clm_out *out, const struct clm_header *h,
    struct clm_error *err);
int clm_record_write_row(struct clm_out *out, const struct clm_header *h,
    const struct clm_row *row, struct clm_error *err);
/* Whether row is the end-of-records line (one value, the trailer). */
int clm_record_is_trailer(const struct clm_row *row);
/* The end-of-records line; write it last, only when the run succeeded. */
int clm_record_write_trailer(struct clm_out *out, struct clm_error *err);
/* Write one value as a CSV field (no separator). */
int clm_record_write_field(struct clm_out *out, const char *val, size_t len,
    struct clm_error *err);

#endif
