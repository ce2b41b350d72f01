#include <stdlib.h>
#include <string.h>

#include <csv.h>

#include "clm_csv.h"

#define CHUNK (64 * 1024)

struct clm_csv {
	struct csv_parser p;
	clm_csv_read_fn read;
	void *ctx;
	char *name;
	unsigned char *chunk;
	size_t chunk_len;
	size_t chunk_pos;
	int eof;
	int first;		/* no bytes seen yet: BOM check pending */
	long lines;		/* newlines consumed so far */
	struct clm_row **ready;	/* completed rows not yet handed out */
	size_t nready, ready_head, ready_cap;
	struct clm_row *cur;	/* row being built */
	struct clm_row **pool;	/* spare rows, reused to avoid allocation */
	size_t npool, pool_cap;
	int quoting;		/* a quote was seen in the current row */
	int chunk_quote;	/* the current chunk holds a quote */
	int overflow;		/* a ceiling was hit in a callback */
	long overflow_line;
};

/* libcsv grows its field buffer without a bound; this refuses past one. */
static void *
bounded_realloc(void *p, size_t n)
{
	if (n > 2 * CLM_CSV_MAX_FIELD)
		return NULL;
	return realloc(p, n);
}

static long
read_in(void *ctx, void *buf, size_t size, struct clm_error *err)
{
	return clm_in_read(ctx, buf, size, err);
}

struct clm_csv *
clm_csv_open(struct clm_in *in, unsigned char delim)
{
	return clm_csv_open_fn(read_in, in, clm_in_name(in), delim);
}

struct clm_csv *
clm_csv_open_fn(clm_csv_read_fn fn, void *ctx, const char *name,
    unsigned char delim)
{
	struct clm_csv *r = clm_xcalloc(1, sizeof(*r));

	if (csv_init(&r->p, CSV_REPALL_NL) != 0)
		clm_oom();
	csv_set_realloc_func(&r->p, bounded_realloc);
	/* libcsv's own blank rule (no space function): a call per byte costs
	 * a quarter of the parse, and values are trimmed downstream anyway. */
	csv_set_delim(&r->p, delim ? delim : ',');
	r->read = fn;
	r->ctx = ctx;
	r->name = clm_xstrdup(name);
	r->chunk = clm_xmalloc(CHUNK);
	r->first = 1;
	r->cur = clm_row_new();
	return r;
}

void
clm_csv_set_delim(struct clm_csv *r, unsigned char delim)
{
	csv_set_delim(&r->p, delim);
}

long
clm_csv_lines(const struct clm_csv *r)
{
	return r->lines;
}

const char *
clm_csv_name(const struct clm_csv *r)
{
	return r->name;
}

static long
count_newlines(const char *s, size_t len)
{
	long n = 0;
	const char *end = s + len;

	while ((s = memchr(s, '\n', (size_t)(end - s))) != NULL) {
		n++;
		s++;
	}
	return n;
}

/* clm_row_push with the common case (room in the row) inline. */
static void
row_append(struct clm_row *row, const char *s, size_t len)
{
	if (row->n < row->cap && row->used + len + 1 <= row->bufcap) {
		memcpy(row->buf + row->used, s, len);
		row->buf[row->used + len] = '\0';
		row->off[row->n] = row->used;
		row->len[row->n++] = len;
		row->used += len + 1;
		return;
	}
	clm_row_push(row, s, len);
}

static void
on_field(void *data, size_t len, void *ctx)
{
	struct clm_csv *r = ctx;
	const char *s = data ? data : "";

	if (r->cur->n == 0)
		r->cur->line = r->lines + 1;
	if (len > CLM_CSV_MAX_FIELD || r->cur->n >= CLM_CSV_MAX_FIELDS ||
	    r->cur->used + len > 4 * CLM_CSV_MAX_FIELD) {
		if (!r->overflow)
			r->overflow_line = r->cur->line;
		r->overflow = 1;
		return;
	}
	row_append(r->cur, s, len);
	if (r->quoting)		/* only a quoted value holds a newline */
		r->lines += count_newlines(s, len);
}

static struct clm_row *
pool_get(struct clm_csv *r)
{
	if (r->npool == 0)
		return clm_row_new();
	return r->pool[--r->npool];
}

static void
pool_put(struct clm_csv *r, struct clm_row *row)
{
	if (r->npool == r->pool_cap) {
		r->pool_cap = r->pool_cap ? r->pool_cap * 2 : 16;
		r->pool = clm_xrealloc(r->pool, r->pool_cap * sizeof(*r->pool));
	}
	clm_row_reset(row);
	r->pool[r->npool++] = row;
}

static void
push_ready(struct clm_csv *r)
{
	if (r->ready_head > 0 && r->ready_head == r->nready) {
		r->ready_head = 0;
		r->nready = 0;
	}
	if (r->nready == r->ready_cap) {
		r->ready_cap = r->ready_cap ? r->ready_cap * 2 : 64;
		r->ready = clm_xrealloc(r->ready,
		    r->ready_cap * sizeof(*r->ready));
	}
	r->ready[r->nready++] = r->cur;
	r->cur = pool_get(r);
}

static void
on_row(int c, void *ctx)
{
	struct clm_csv *r = ctx;

	if (c == '\n')
		r->lines++;
	if (!r->chunk_quote)
		r->quoting = 0;
	if (r->cur->n == 0)	/* a blank line reported by CSV_REPALL_NL */
		return;
	push_ready(r);
}

static void
skip_bom(struct clm_csv *r)
{
	if (r->chunk_len >= 3 && memcmp(r->chunk, "\xEF\xBB\xBF", 3) == 0)
		r->chunk_pos = 3;
}

static int
feed_more(struct clm_csv *r, struct clm_error *err)
{
	long n = r->read(r->ctx, r->chunk, CHUNK, err);

	if (n < 0)
		return (int)n;
	if (n == 0) {
		r->eof = 1;
		csv_fini(&r->p, on_field, on_row, r);
		if (r->cur->n > 0)
			push_ready(r);
		return 0;
	}
	r->chunk_len = (size_t)n;
	r->chunk_pos = 0;
	if (r->first)
		skip_bom(r);
	r->first = 0;
	r->chunk_quote = memchr(r->chunk + r->chunk_pos, '"',
	    r->chunk_len - r->chunk_pos) != NULL;
	r->quoting |= r->chunk_quote;
	if (csv_parse(&r->p, r->chunk + r->chunk_pos,
	    r->chunk_len - r->chunk_pos, on_field, on_row, r) !=
	    r->chunk_len - r->chunk_pos)
		return clm_error_set(err, CLM_ELIMIT, r->name, r->lines + 1,
		    "a value is longer than %d bytes", CLM_CSV_MAX_FIELD);
	return 0;
}

/* Hand a completed row over by swapping arenas with the caller's row. */
static void
take_ready(struct clm_csv *r, struct clm_row *row)
{
	struct clm_row *src = r->ready[r->ready_head++];
	struct clm_row tmp = *row;

	*row = *src;
	*src = tmp;
	pool_put(r, src);
}

int
clm_csv_next(struct clm_csv *r, struct clm_row *row, struct clm_error *err)
{
	clm_row_reset(row);
	while (r->ready_head == r->nready && !r->eof) {
		int rc = feed_more(r, err);

		if (rc < 0)
			return rc;
	}
	if (r->overflow)
		return clm_error_set(err, CLM_ELIMIT, r->name,
		    r->overflow_line, "a value is longer than %d bytes, or "
		    "the row has more than %d values or %d bytes",
		    CLM_CSV_MAX_FIELD, CLM_CSV_MAX_FIELDS,
		    4 * CLM_CSV_MAX_FIELD);
	if (r->ready_head == r->nready)
		return 0;
	take_ready(r, row);
	return 1;
}

int
clm_csv_source(void *csv, struct clm_row *row, struct clm_error *err)
{
	return clm_csv_next(csv, row, err);
}

void
clm_csv_close(struct clm_csv *r)
{
	if (r == NULL)
		return;
	csv_free(&r->p);
	while (r->ready_head < r->nready)
		clm_row_free(r->ready[r->ready_head++]);
	free(r->ready);
	while (r->npool > 0)
		clm_row_free(r->pool[--r->npool]);
	free(r->pool);
	clm_row_free(r->cur);
	free(r->chunk);
	free(r->name);
	free(r);
}
