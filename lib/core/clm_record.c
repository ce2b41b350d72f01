#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <csv.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "clm_io.h"
#include "clm_record.h"

enum { CLAIM, LINE };

static const struct {
	const char *name;
	int level;
} columns[CLM_COL_COUNT] = {
#define CLM_COLUMN(e, n, l, ...) { n, l },
#include "columns.def"
#undef CLM_COLUMN
};

const char *
clm_column_name(enum clm_column col)
{
	return (unsigned)col < CLM_COL_COUNT ? columns[col].name : "";
}

int
clm_column_lookup(const char *name)
{
	for (int i = 0; i < CLM_COL_COUNT; i++)
		if (strcmp(columns[i].name, name) == 0)
			return i;
	return -1;
}

int
clm_column_is_line(enum clm_column col)
{
	return (unsigned)col < CLM_COL_COUNT && columns[col].level == LINE;
}

struct clm_header *
clm_header_new(void)
{
	struct clm_header *h = clm_xcalloc(1, sizeof(*h));

	for (int i = 0; i < CLM_COL_COUNT; i++)
		h->canon[i] = -1;
	return h;
}

void
clm_header_free(struct clm_header *h)
{
	if (h == NULL)
		return;
	for (size_t i = 0; i < h->ncols; i++)
		free(h->names[i]);
	free(h->names);
	free(h);
}

size_t
clm_header_add(struct clm_header *h, const char *name)
{
	int col = clm_column_lookup(name);

	if (h->ncols == h->cap) {
		h->cap = h->cap ? h->cap * 2 : 32;
		h->names = clm_xrealloc(h->names, h->cap * sizeof(*h->names));
	}
	h->names[h->ncols] = clm_xstrdup(name);
	if (col >= 0 && h->canon[col] < 0)
		h->canon[col] = (int)h->ncols;
	return h->ncols++;
}

int
clm_header_find(const struct clm_header *h, const char *name)
{
	int col = clm_column_lookup(name);

	if (col >= 0)
		return h->canon[col];
	for (size_t i = 0; i < h->ncols; i++)
		if (strcmp(h->names[i], name) == 0)
			return (int)i;
	return -1;
}

size_t
clm_header_ensure(struct clm_header *h, enum clm_column col)
{
	if (h->canon[col] >= 0)
		return (size_t)h->canon[col];
	return clm_header_add(h, columns[col].name);
}

int
clm_header_check(const struct clm_header *h, const char *file,
    struct clm_error *err)
{
	for (size_t i = 0; i < h->ncols; i++)
		for (size_t j = i + 1; j < h->ncols; j++)
			if (strcmp(h->names[i], h->names[j]) == 0)
				return clm_error_set(err, CLM_EFORMAT, file, 1,
				    "column %s appears twice in the header",
				    h->names[i]);
	return 0;
}

struct clm_row *
clm_row_new(void)
{
	return clm_xcalloc(1, sizeof(struct clm_row));
}

void
clm_row_free(struct clm_row *row)
{
	if (row == NULL)
		return;
	free(row->off);
	free(row->len);
	free(row->buf);
	free(row);
}

void
clm_row_reset(struct clm_row *row)
{
	row->n = 0;
	row->used = 0;
	row->line = 0;
}

static void
grow_slots(struct clm_row *row, size_t need)
{
	if (need <= row->cap)
		return;
	row->cap = row->cap ? row->cap : 16;
	while (row->cap < need)
		row->cap *= 2;
	row->off = clm_xrealloc(row->off, row->cap * sizeof(*row->off));
	row->len = clm_xrealloc(row->len, row->cap * sizeof(*row->len));
}

/* Copy val into the arena and return its offset; val may lie in the arena. */
static size_t
arena_store(struct clm_row *row, const char *val, size_t len)
{
	size_t at;

	if (row->used + len + 1 > row->bufcap) {
		int inside = row->buf != NULL && val >= row->buf &&
		    val < row->buf + row->bufcap;
		size_t rel = inside ? (size_t)(val - row->buf) : 0;

		row->bufcap = row->bufcap ? row->bufcap : 256;
		while (row->used + len + 1 > row->bufcap)
			row->bufcap *= 2;
		row->buf = clm_xrealloc(row->buf, row->bufcap);
		if (inside)
			val = row->buf + rel;
	}
	at = row->used;
	if (len > 0)
		memmove(row->buf + at, val, len);
	row->buf[at + len] = '\0';
	row->used += len + 1;
	return at;
}

void
clm_row_push(struct clm_row *row, const char *val, size_t len)
{
	grow_slots(row, row->n + 1);
	row->off[row->n] = arena_store(row, val, len);
	row->len[row->n] = len;
	row->n++;
}

void
clm_row_set_value(struct clm_row *row, size_t i, const char *val, size_t len)
{
	int inside = row->buf != NULL && val >= row->buf &&
	    val < row->buf + row->bufcap;
	size_t rel = inside ? (size_t)(val - row->buf) : 0;

	while (row->n <= i) {	/* padding may move the arena val is in */
		clm_row_push(row, "", 0);
		if (inside)
			val = row->buf + rel;
	}
	if (len <= row->len[i]) {	/* fits: in place, the arena keeps
					   its size and the writer its spans */
		memmove(row->buf + row->off[i], val, len);
		row->buf[row->off[i] + len] = '\0';
		row->len[i] = len;
		return;
	}
	row->off[i] = arena_store(row, val, len);
	row->len[i] = len;
}

void
clm_row_set(struct clm_row *row, const struct clm_header *h,
    enum clm_column col, const char *val)
{
	int i = h->canon[col];

	if (i >= 0)
		clm_row_set_value(row, (size_t)i, val, strlen(val));
}

/* The arena and the offsets as they are, in three copies (a push per
 * value cost a tenth of clm-emit-837's claim loop). */
void
clm_row_copy(struct clm_row *dst, const struct clm_row *src)
{
	clm_row_reset(dst);
	grow_slots(dst, src->n);
	if (src->used > dst->bufcap) {
		dst->bufcap = dst->bufcap ? dst->bufcap : 256;
		while (src->used > dst->bufcap)
			dst->bufcap *= 2;
		dst->buf = clm_xrealloc(dst->buf, dst->bufcap);
	}
	if (src->n > 0) {
		memcpy(dst->off, src->off, src->n * sizeof(*src->off));
		memcpy(dst->len, src->len, src->n * sizeof(*src->len));
	}
	if (src->used > 0)
		memcpy(dst->buf, src->buf, src->used);
	dst->n = src->n;
	dst->used = src->used;
	dst->line = src->line;
}

void
clm_claim_init(struct clm_claim *c)
{
	memset(c, 0, sizeof(*c));
}

void
clm_claim_clear(struct clm_claim *c)
{
	for (size_t i = 0; i < c->n; i++)
		clm_row_free(c->rows[i]);
	c->n = 0;
}

void
clm_claim_free(struct clm_claim *c)
{
	clm_claim_clear(c);
	free(c->rows);
	c->rows = NULL;
	c->cap = 0;
}

void
clm_claim_append(struct clm_claim *c, struct clm_row *row)
{
	if (c->n == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 8;
		c->rows = clm_xrealloc(c->rows, c->cap * sizeof(*c->rows));
	}
	c->rows[c->n++] = row;
}

struct clm_row *
clm_claim_find_line(const struct clm_claim *c, const struct clm_header *h,
    long line)
{
	for (size_t i = 0; i < c->n; i++) {
		const char *v = clm_row_get(c->rows[i], h, CLM_COL_LINE_NO);

		if (v[0] != '\0' && strtol(v, NULL, 10) == line)
			return c->rows[i];
	}
	return NULL;
}

const char *
clm_claim_id(const struct clm_claim *c, const struct clm_header *h)
{
	return c->n > 0 ? clm_row_get(c->rows[0], h, CLM_COL_CLAIM_ID) : "";
}

void
clm_grouper_init(struct clm_grouper *g, clm_row_source_fn next, void *src,
    const struct clm_header *h, const char *file)
{
	memset(g, 0, sizeof(*g));
	g->next = next;
	g->src = src;
	g->h = h;
	g->file = file;
}

void
clm_grouper_release(struct clm_grouper *g)
{
	clm_row_free(g->pending);
	g->pending = NULL;
	while (g->npool > 0)
		clm_row_free(g->pool[--g->npool]);
	free(g->pool);
	g->pool = NULL;
	g->pool_cap = 0;
}

static void
recycle_rows(struct clm_grouper *g, struct clm_claim *c)
{
	if (g->npool + c->n > g->pool_cap) {
		g->pool_cap = g->npool + c->n + 16;
		g->pool = clm_xrealloc(g->pool, g->pool_cap * sizeof(*g->pool));
	}
	for (size_t i = 0; i < c->n; i++) {
		clm_row_reset(c->rows[i]);
		g->pool[g->npool++] = c->rows[i];
	}
	c->n = 0;
}

static struct clm_row *
grouper_row(struct clm_grouper *g)
{
	return g->npool > 0 ? g->pool[--g->npool] : clm_row_new();
}

static int
is_line_one(const char *v)
{
	while (*v == '0')
		v++;
	return strcmp(v, "1") == 0;
}

int
clm_record_starts_claim(const struct clm_row *prev, const struct clm_row *row,
    const struct clm_header *h)
{
	if (prev == NULL)
		return 1;
	if (strcmp(clm_row_get(prev, h, CLM_COL_CLAIM_ID),
	    clm_row_get(row, h, CLM_COL_CLAIM_ID)) != 0)
		return 1;
	return is_line_one(clm_row_get(row, h, CLM_COL_LINE_NO));
}

int
clm_grouper_next(struct clm_grouper *g, struct clm_claim *c,
    struct clm_error *err)
{
	recycle_rows(g, c);
	c->file = g->file;
	if (g->pending != NULL) {
		clm_claim_append(c, g->pending);
		g->pending = NULL;
	}
	while (!g->done) {
		struct clm_row *row = grouper_row(g);
		int rc = g->next(g->src, row, err);

		if (rc <= 0) {
			clm_row_free(row);
			g->done = 1;
			if (rc < 0)
				return rc;
			break;
		}
		if (c->n > 0 && clm_record_starts_claim(c->rows[c->n - 1],
		    row, g->h)) {
			g->pending = row;
			return 1;
		}
		clm_claim_append(c, row);
	}
	return c->n > 0;
}

static int
is_blank(char c)
{
	return c == ' ' || c == '\t';
}

/* The reader drops unquoted blanks at either end: such values are quoted. */
static int
blank_ends(const char *val, size_t len)
{
	return len > 0 && (is_blank(val[0]) || is_blank(val[len - 1]));
}

static int
needs_quotes(const char *val, size_t len)
{
	if (blank_ends(val, len))
		return 1;
	for (size_t i = 0; i < len; i++)
		if (val[i] == ',' || val[i] == '"' || val[i] == '\r' ||
		    val[i] == '\n')
			return 1;
	return 0;
}

int
clm_record_write_field(struct clm_out *out, const char *val, size_t len,
    struct clm_error *err)
{
	char small[512];
	char *buf;
	size_t need, n;
	int rc;

	if (!needs_quotes(val, len))
		return clm_out_write(out, val, len, err);
	need = 2 * len + 2;
	buf = need <= sizeof(small) ? small : clm_xmalloc(need);
	n = csv_write(buf, need, val, len);
	rc = clm_out_write(out, buf, n, err);
	if (buf != small)
		free(buf);
	return rc;
}

int
clm_record_write_header(struct clm_out *out, const struct clm_header *h,
    struct clm_error *err)
{
	for (size_t i = 0; i < h->ncols; i++) {
		if (i > 0 && clm_out_write(out, ",", 1, err) < 0)
			return -CLM_EIO;
		if (clm_record_write_field(out, h->names[i],
		    strlen(h->names[i]), err) < 0)
			return -CLM_EIO;
	}
	return clm_out_write(out, "\n", 1, err);
}

/* Bytes that make a value need quotes. */
static const unsigned char quote_byte[256] = {
	['"'] = 1, [','] = 1, ['\r'] = 1, ['\n'] = 1,
};

#define LINE_BUF 8192

/* A row is assembled in a local buffer: one output call per 8 KB. */
struct line_buf {
	char b[LINE_BUF];
	size_t n;
};

static int
line_flush(struct clm_out *out, struct line_buf *lb, struct clm_error *err)
{
	int rc = lb->n > 0 ? clm_out_write(out, lb->b, lb->n, err) : 0;

	lb->n = 0;
	return rc;
}

/* Copy a value that needs no quotes; 1 if it does (nothing copied). */
static int
line_put_plain(struct line_buf *lb, const char *val, size_t len)
{
	char *d = lb->b + lb->n;

	if (blank_ends(val, len))
		return 1;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)val[i];

		if (quote_byte[c])
			return 1;
		d[i] = (char)c;
	}
	lb->n += len;
	return 0;
}

static int
line_put(struct clm_out *out, struct line_buf *lb, const char *val,
    size_t len, struct clm_error *err)
{
	if (len + 1 > LINE_BUF - lb->n && line_flush(out, lb, err) < 0)
		return -CLM_EIO;
	if (len + 1 <= LINE_BUF - lb->n && line_put_plain(lb, val, len) == 0)
		return 0;
	if (line_flush(out, lb, err) < 0)
		return -CLM_EIO;
	return clm_record_write_field(out, val, len, err);
}

#define ONES 0x0101010101010101ULL
#define LOWS 0x7F7F7F7F7F7F7F7FULL

/* 0x80 in each byte of w that is zero, 0 elsewhere (exact). */
static uint64_t
zero_bytes(uint64_t w)
{
	return ~(((w & LOWS) + LOWS) | w | LOWS);
}

/*
 * Values first..last-1 lie back to back in the arena, NUL-separated:
 * copy the span at once and turn the NULs into commas, word by word.
 * Returns 1 (nothing kept) when a value needs quotes.
 */
static int
line_put_span(struct line_buf *lb, const struct clm_row *row, size_t first,
    size_t last)
{
	const char *src = row->buf + row->off[first];
	size_t len = row->off[last - 1] + row->len[last - 1] - row->off[first];
	char *d = lb->b + lb->n;
	size_t i = 0;

	for (size_t k = first; k < last; k++)
		if (blank_ends(row->buf + row->off[k], row->len[k]))
			return 1;
	memcpy(d, src, len);
#ifdef __SSE2__
	{
		const __m128i q = _mm_set1_epi8('"'), c = _mm_set1_epi8(',');
		const __m128i nl = _mm_set1_epi8('\n'), cr = _mm_set1_epi8('\r');
		const __m128i zero = _mm_setzero_si128();

		for (; i + 16 <= len; i += 16) {
			__m128i w = _mm_loadu_si128((const __m128i *)(d + i));
			__m128i bad = _mm_or_si128(_mm_or_si128(
			    _mm_cmpeq_epi8(w, q), _mm_cmpeq_epi8(w, c)),
			    _mm_or_si128(_mm_cmpeq_epi8(w, nl),
			    _mm_cmpeq_epi8(w, cr)));

			if (_mm_movemask_epi8(bad) != 0)
				return 1;
			w = _mm_or_si128(w, _mm_and_si128(
			    _mm_cmpeq_epi8(w, zero), c));
			_mm_storeu_si128((__m128i *)(d + i), w);
		}
	}
#endif
	for (; i + 8 <= len; i += 8) {
		uint64_t w, z;

		memcpy(&w, d + i, 8);
		if ((zero_bytes(w ^ (ONES * '"')) | zero_bytes(w ^ (ONES * ',')) |
		    zero_bytes(w ^ (ONES * '\n')) |
		    zero_bytes(w ^ (ONES * '\r'))) != 0)
			return 1;
		z = zero_bytes(w);
		w += (z >> 7) * ',';
		memcpy(d + i, &w, 8);
	}
	for (; i < len; i++) {
		if (quote_byte[(unsigned char)d[i]])
			return 1;
		if (d[i] == '\0')
			d[i] = ',';
	}
	lb->n += len;
	return 0;
}

/* End of the run of back-to-back values starting at i (at most n). */
static size_t
span_end(const struct clm_row *row, size_t i, size_t n, size_t room)
{
	size_t start = row->off[i], j = i + 1;

	while (j < n && row->off[j] == row->off[j - 1] + row->len[j - 1] + 1 &&
	    row->off[j] + row->len[j] - start < room)
		j++;
	return j;
}

int
clm_record_write_row(struct clm_out *out, const struct clm_header *h,
    const struct clm_row *row, struct clm_error *err)
{
	/* A ragged row keeps its extra values: nothing is dropped. */
	size_t n = row->n > h->ncols ? row->n : h->ncols;
	struct line_buf lb;
	size_t i = 0;

	lb.n = 0;
	while (i < n) {
		size_t j;

		if (i > 0)
			lb.b[lb.n++] = ',';
		if (i < row->n && row->len[i] + 1 < LINE_BUF - lb.n) {
			j = span_end(row, i, row->n, LINE_BUF - lb.n - 1);
			if (line_put_span(&lb, row, i, j) == 0) {
				i = j;
				continue;
			}
		}
		if (line_put(out, &lb, i < row->n ? row->buf + row->off[i] : "",
		    i < row->n ? row->len[i] : 0, err) < 0)
			return -CLM_EIO;
		i++;
	}
	lb.b[lb.n++] = '\n';
	return line_flush(out, &lb, err);
}

int
clm_record_is_trailer(const struct clm_row *row)
{
	return row->n == 1 && row->len[0] == sizeof(CLM_RECORD_TRAILER) - 1 &&
	    memcmp(clm_row_value(row, 0), CLM_RECORD_TRAILER,
	    sizeof(CLM_RECORD_TRAILER) - 1) == 0;
}

int
clm_record_write_trailer(struct clm_out *out, struct clm_error *err)
{
	return clm_out_puts(out, CLM_RECORD_TRAILER "\n", err);
}
