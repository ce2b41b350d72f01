#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <csv.h>

#include "clm_csv.h"

#define CHUNK (64 * 1024)
#define AHEAD_ROWS 256		/* rows parsed ahead of the caller, at most */

/* Rows in hand-over order (read-ahead: queues between the two threads). */
struct rowlist {
	struct clm_row **v;
	size_t n, head, cap;
};

/*
 * Read-ahead: a thread runs the reader (chunks, csv_parse, callbacks) and
 * hands completed rows over through `q`; the caller hands the row objects
 * it is done with back through `spent`.  Everything here is under `mu`.
 */
struct ahead {
	pthread_t thread;
	pthread_mutex_t mu;
	pthread_cond_t cond;
	struct rowlist q, spent;
	int done;		/* the reader stopped: rc and err are final */
	int rc;
	struct clm_error err;
	int stop;		/* the caller closes: stop reading */
};

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
	struct ahead *ahead;	/* NULL: rows are parsed on demand */
	struct rowlist take;	/* read-ahead rows the caller holds */
	struct rowlist spent;	/* rows the caller has emptied */
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

static int
overflow_error(const struct clm_csv *r, struct clm_error *err)
{
	return clm_error_set(err, CLM_ELIMIT, r->name, r->overflow_line,
	    "a value is longer than %d bytes, or the row has more than %d "
	    "values or %d bytes", CLM_CSV_MAX_FIELD, CLM_CSV_MAX_FIELDS,
	    4 * CLM_CSV_MAX_FIELD);
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

static void
list_push(struct rowlist *l, struct clm_row *row)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 64;
		l->v = clm_xrealloc(l->v, l->cap * sizeof(*l->v));
	}
	l->v[l->n++] = row;
}

static void
list_free_rows(struct rowlist *l)
{
	while (l->head < l->n)
		clm_row_free(l->v[l->head++]);
	free(l->v);
	memset(l, 0, sizeof(*l));
}

/* Reader thread: hand over the rows of the chunk just parsed, take back
 * emptied rows; wait while the caller is AHEAD_ROWS behind.  0 = stop. */
static int
ahead_publish(struct clm_csv *r)
{
	struct ahead *a = r->ahead;
	int go;

	pthread_mutex_lock(&a->mu);
	while (a->q.n - a->q.head >= AHEAD_ROWS && !a->stop)
		pthread_cond_wait(&a->cond, &a->mu);
	if (a->q.head == a->q.n)
		a->q.head = a->q.n = 0;
	while (r->ready_head < r->nready)
		list_push(&a->q, r->ready[r->ready_head++]);
	r->ready_head = r->nready = 0;
	while (a->spent.n > 0)
		pool_put(r, a->spent.v[--a->spent.n]);
	go = !a->stop;
	pthread_cond_broadcast(&a->cond);
	pthread_mutex_unlock(&a->mu);
	return go;
}

static void
ahead_finish(struct clm_csv *r, int rc, const struct clm_error *err)
{
	struct ahead *a = r->ahead;

	pthread_mutex_lock(&a->mu);
	a->done = 1;
	a->rc = rc;
	if (rc < 0)
		a->err = *err;
	pthread_cond_broadcast(&a->cond);
	pthread_mutex_unlock(&a->mu);
}

static void *
ahead_main(void *arg)
{
	struct clm_csv *r = arg;
	struct clm_error err;
	int rc = 0;

	clm_error_clear(&err);
	while (!r->eof) {
		rc = feed_more(r, &err);
		if (rc == 0 && r->overflow)
			rc = overflow_error(r, &err);
		if (rc < 0) {	/* as on demand: the chunk's rows are not seen */
			while (r->ready_head < r->nready)
				pool_put(r, r->ready[r->ready_head++]);
			r->ready_head = r->nready = 0;
			break;
		}
		if (!ahead_publish(r))
			break;
	}
	ahead_finish(r, rc, &err);
	return NULL;
}

int
clm_csv_readahead(struct clm_csv *r)
{
	struct ahead *a;

	if (r->ahead != NULL || r->eof || r->overflow)
		return 0;
	a = clm_xcalloc(1, sizeof(*a));
	pthread_mutex_init(&a->mu, NULL);
	pthread_cond_init(&a->cond, NULL);
	while (r->ready_head < r->nready)	/* parsed already: first */
		list_push(&r->take, r->ready[r->ready_head++]);
	r->ready_head = r->nready = 0;
	r->ahead = a;
	if (pthread_create(&a->thread, NULL, ahead_main, r) != 0) {
		r->ahead = NULL;
		pthread_cond_destroy(&a->cond);
		pthread_mutex_destroy(&a->mu);
		free(a);
		return -1;	/* the caller's rows in take still come first */
	}
	return 0;
}

/* Caller: refill `take` from the reader; 1, 0 at the end, or <0. */
static int
ahead_take(struct clm_csv *r, struct clm_error *err)
{
	struct ahead *a = r->ahead;
	struct rowlist tmp;
	int rc = 1;

	pthread_mutex_lock(&a->mu);
	while (a->q.head == a->q.n && !a->done)
		pthread_cond_wait(&a->cond, &a->mu);
	while (r->spent.n > 0)
		list_push(&a->spent, r->spent.v[--r->spent.n]);
	if (a->q.head < a->q.n) {
		tmp = r->take;	/* empty: swap lists, keep both arrays */
		tmp.n = tmp.head = 0;
		r->take = a->q;
		a->q = tmp;
	} else {
		rc = a->rc;
		if (rc < 0)
			*err = a->err;
	}
	pthread_cond_broadcast(&a->cond);
	pthread_mutex_unlock(&a->mu);
	return rc;
}

static void
ahead_stop(struct clm_csv *r)
{
	struct ahead *a = r->ahead;

	pthread_mutex_lock(&a->mu);
	a->stop = 1;
	pthread_cond_broadcast(&a->cond);
	pthread_mutex_unlock(&a->mu);
	pthread_join(a->thread, NULL);
	list_free_rows(&a->q);
	list_free_rows(&a->spent);
	pthread_cond_destroy(&a->cond);
	pthread_mutex_destroy(&a->mu);
	free(a);
	r->ahead = NULL;
}

/* The next row from `take` (read-ahead), swapping arenas as take_ready. */
static int
next_taken(struct clm_csv *r, struct clm_row *row, struct clm_error *err)
{
	struct clm_row *src, tmp;

	if (r->take.head == r->take.n) {	/* only with a reader thread */
		int rc = ahead_take(r, err);

		if (rc <= 0)
			return rc;
	}
	src = r->take.v[r->take.head++];
	tmp = *row;
	*row = *src;
	*src = tmp;
	clm_row_reset(src);
	list_push(&r->spent, src);
	return 1;
}

int
clm_csv_next(struct clm_csv *r, struct clm_row *row, struct clm_error *err)
{
	clm_row_reset(row);
	if (r->take.head == r->take.n)
		r->take.head = r->take.n = 0;
	if (r->ahead != NULL || r->take.n > 0)
		return next_taken(r, row, err);
	while (r->ready_head == r->nready && !r->eof) {
		int rc = feed_more(r, err);

		if (rc < 0)
			return rc;
	}
	if (r->overflow)
		return overflow_error(r, err);
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
	if (r->ahead != NULL)
		ahead_stop(r);
	list_free_rows(&r->take);
	list_free_rows(&r->spent);
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
