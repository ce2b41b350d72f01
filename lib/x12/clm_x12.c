#include <stdlib.h>
#include <string.h>

#include "clm_x12.h"

static const char basic_set[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
    "!\"&'()*+,-./:;?= ";
static const char extended_set[] =
    "abcdefghijklmnopqrstuvwxyz%~@[]_{}\\|<>#$^`";

static void
build_classes(struct clm_x12_writer *w)
{
	const struct clm_x12_syntax *s = &w->syn;

	memset(w->cls, CLM_X12_BAD_CHARSET, sizeof(w->cls));
	for (const char *p = basic_set; *p; p++)
		w->cls[(unsigned char)*p] = CLM_X12_OK;
	for (const char *p = extended_set; s->extended && *p; p++)
		w->cls[(unsigned char)*p] = CLM_X12_OK;
	for (int c = 0; c < 0x20; c++)
		w->cls[c] = CLM_X12_BAD_DELIM;
	w->cls[0x7f] = CLM_X12_BAD_DELIM;
	w->cls[(unsigned char)s->ele] = CLM_X12_BAD_DELIM;
	w->cls[(unsigned char)s->comp] = CLM_X12_BAD_DELIM;
	w->cls[(unsigned char)s->rep] = CLM_X12_BAD_DELIM;
	w->cls[(unsigned char)s->seg] = CLM_X12_BAD_DELIM;
}

void
clm_x12_writer_init(struct clm_x12_writer *w,
    const struct clm_x12_syntax *syn)
{
	memset(w, 0, sizeof(*w));
	w->syn = *syn;
	build_classes(w);
}

void
clm_x12_writer_free(struct clm_x12_writer *w)
{
	free(w->buf);
	w->buf = NULL;
	w->len = w->cap = 0;
}

void
clm_x12_reset(struct clm_x12_writer *w)
{
	w->len = 0;
	w->segs = 0;
	w->bad = 0;
	w->overflow = 0;
	w->pending_el = w->pending_comp = 0;
	w->in_comp = w->comp_started = 0;
}

enum clm_x12_bad
clm_x12_check(const struct clm_x12_writer *w, const char *v, size_t n,
    size_t *pos)
{
	enum clm_x12_bad worst = CLM_X12_OK;
	size_t first = 0;

	for (size_t i = 0; i < n; i++) {
		enum clm_x12_bad b = w->cls[(unsigned char)v[i]];

		if (b > worst) {
			worst = b;
			first = i + 1;
		}
	}
	if (worst == CLM_X12_OK && n > 0 && v[n - 1] == ' ') {
		worst = CLM_X12_BAD_SPACE;
		first = n;
	}
	if (pos != NULL)
		*pos = first;
	return worst;
}

/* Room for n more bytes; 0 once CLM_X12_BUF_MAX was hit. */
static int
grow(struct clm_x12_writer *w, size_t n)
{
	size_t cap = w->cap ? w->cap : 4096;

	if (w->overflow)
		return 0;
	while (cap < w->len + n)
		cap *= 2;
	if (cap > CLM_X12_BUF_MAX) {
		w->overflow = 1;
		return 0;
	}
	w->buf = clm_xrealloc(w->buf, cap);
	w->cap = cap;
	return 1;
}

static inline int
reserve(struct clm_x12_writer *w, size_t n)
{
	return (w->len + n <= w->cap && !w->overflow) || grow(w, n);
}

static void
put(struct clm_x12_writer *w, const char *s, size_t n)
{
	if (!reserve(w, n))
		return;
	memcpy(w->buf + w->len, s, n);
	w->len += n;
}

static void
putc_n(struct clm_x12_writer *w, char c, size_t n)
{
	if (n == 0 || !reserve(w, n))
		return;
	memset(w->buf + w->len, c, n);
	w->len += n;
}

/* `count` separators c, then the value v of n bytes. */
static void
put_after(struct clm_x12_writer *w, char c, size_t count, const char *v,
    size_t n)
{
	char *d;

	if (!reserve(w, count + n))
		return;
	d = w->buf + w->len;
	if (count == 1)
		*d = c;
	else
		memset(d, c, count);
	memcpy(d + count, v, n);
	w->len += count + n;
}

void
clm_x12_seg(struct clm_x12_writer *w, const char *id)
{
	put(w, id, strlen(id));
	w->pending_el = 0;
	w->in_comp = 0;
}

/* A value the check refuses is reported and left out (written empty). */
static int
value_ok(struct clm_x12_writer *w, const char *v, size_t n,
    const char *field)
{
	unsigned acc = 0;
	size_t pos;
	enum clm_x12_bad b;

	/* nearly every value is fine: one branch-free pass says so */
	for (size_t i = 0; i < n; i++)
		acc |= w->cls[(unsigned char)v[i]];
	if (acc == 0 && v[n - 1] != ' ')
		return 1;
	b = clm_x12_check(w, v, n, &pos);
	w->bad++;
	if (w->on_bad != NULL)
		w->on_bad(w->arg, b, field, pos);
	return 0;
}

void
clm_x12_skip(struct clm_x12_writer *w, size_t n)
{
	w->in_comp = 0;
	w->pending_el += n;
}

void
clm_x12_el(struct clm_x12_writer *w, const char *v, const char *field)
{
	size_t n = strlen(v);

	w->in_comp = 0;
	if (n == 0 || !value_ok(w, v, n, field)) {
		w->pending_el++;
		return;
	}
	put_after(w, w->syn.ele, w->pending_el + 1, v, n);
	w->pending_el = 0;
}

void
clm_x12_comp_begin(struct clm_x12_writer *w)
{
	w->in_comp = 1;
	w->comp_started = 0;
	w->pending_comp = 0;
	w->pending_el++;
}

void
clm_x12_comp(struct clm_x12_writer *w, const char *v, const char *field)
{
	size_t n = strlen(v);

	if (n == 0 || !value_ok(w, v, n, field)) {
		w->pending_comp++;
		return;
	}
	if (!w->comp_started) {
		/* the composite's first value: now the element exists */
		putc_n(w, w->syn.ele, w->pending_el);
		w->pending_el = 0;
		w->comp_started = 1;
		put_after(w, w->syn.comp, w->pending_comp, v, n);
	} else
		put_after(w, w->syn.comp, w->pending_comp + 1, v, n);
	w->pending_comp = 0;
}

void
clm_x12_seg_end(struct clm_x12_writer *w)
{
	put(w, &w->syn.seg, 1);
	put(w, w->syn.eol, strlen(w->syn.eol));
	w->pending_el = 0;
	w->in_comp = 0;
	w->segs++;
}

void
clm_x12_raw(struct clm_x12_writer *w, const char *s, size_t n)
{
	put(w, s, n);
}
