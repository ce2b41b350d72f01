/*
 * clm_x12in_tok - the X12 segment tokenizer (see clm_x12in.h).  One buffer,
 * refilled in large reads; memchr finds terminators and separators, and no
 * element is copied or allocated.
 */
#include <stdlib.h>
#include <string.h>

#include "clm_x12in.h"

#define TOK_BUFSIZE (256 * 1024)
#define ISA_LEN 106

struct clm_x12in_tok {
	clm_x12in_read_fn read;
	void *ctx;
	const char *name;
	char *buf;
	size_t start, end;	/* unread bytes are buf[start..end) */
	int eof;
	int started;		/* the BOM check is done */
	struct clm_x12in_delims d;
	int have_delims;
	long pos;
	long line;		/* physical line of buf[start], from 1 */
};

struct clm_x12in_tok *
clm_x12in_tok_open(clm_x12in_read_fn fn, void *ctx, const char *name)
{
	struct clm_x12in_tok *t = clm_xcalloc(1, sizeof(*t));

	t->read = fn;
	t->ctx = ctx;
	t->name = name;
	t->buf = clm_xmalloc(TOK_BUFSIZE);
	t->line = 1;
	return t;
}

void
clm_x12in_tok_close(struct clm_x12in_tok *t)
{
	if (t == NULL)
		return;
	free(t->buf);
	free(t);
}

const struct clm_x12in_delims *
clm_x12in_tok_delims(const struct clm_x12in_tok *t)
{
	return &t->d;
}

/* Make at least want bytes available (fewer at the end); <0 on error. */
static int
fill(struct clm_x12in_tok *t, size_t want, struct clm_error *err)
{
	if (want > TOK_BUFSIZE)
		want = TOK_BUFSIZE;
	while (t->end - t->start < want && !t->eof) {
		long n;

		if (t->start > 0) {
			memmove(t->buf, t->buf + t->start, t->end - t->start);
			t->end -= t->start;
			t->start = 0;
		}
		n = t->read(t->ctx, t->buf + t->end, TOK_BUFSIZE - t->end,
		    err);
		if (n < 0)
			return (int)n;
		if (n == 0)
			t->eof = 1;
		t->end += (size_t)n;
	}
	return 0;
}

static int
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' ||
	    c == '\f' || c == '\v';
}

static int
is_alnum(char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
	    (c >= '0' && c <= '9');
}

/* Skip a BOM at the very start, whitespace, and empty segments. */
static int
skip_gaps(struct clm_x12in_tok *t, struct clm_error *err)
{
	for (;;) {
		int rc = fill(t, 3, err);

		if (rc < 0)
			return rc;
		if (!t->started) {
			t->started = 1;
			if (t->end - t->start >= 3 &&
			    memcmp(t->buf + t->start, "\xEF\xBB\xBF", 3) == 0)
				t->start += 3;
			continue;
		}
		if (t->start == t->end)
			return 0;
		if (!is_space(t->buf[t->start]) && !(t->have_delims &&
		    t->buf[t->start] == t->d.seg))
			return 0;
		t->line += t->buf[t->start] == '\n';
		t->start++;
	}
}

/* Separators must differ from each other and from letters and digits. */
static int
delims_usable(const struct clm_x12in_delims *d)
{
	char v[3] = { d->elem, d->comp, d->seg };

	for (int i = 0; i < 3; i++)
		if (is_alnum(v[i]) || v[i] == ' ')
			return 0;
	return v[0] != v[1] && v[0] != v[2] && v[1] != v[2];
}

/*
 * Read the delimiters of an ISA at buf[start]: fixed width when it is
 * well formed; otherwise the byte after the 16th element separator is the
 * component separator and the next one the terminator.
 */
static int
read_isa(struct clm_x12in_tok *t, int *irregular, struct clm_error *err)
{
	const char *b = t->buf + t->start;
	size_t avail = t->end - t->start, p = 0;
	char e = b[3];
	int n = 0;

	for (size_t i = 3; i < avail && i < 512; i++)
		if (b[i] == e && ++n == 16) {
			p = i;
			break;
		}
	if (n < 16 || p + 2 >= avail)
		return clm_error_set(err, CLM_EFORMAT, t->name, 0,
		    "segment %ld: the interchange header (ISA) is cut short: "
		    "cannot read its delimiters", t->pos + 1);
	t->d.elem = e;
	t->d.comp = b[p + 1];
	t->d.seg = b[p + 2];
	*irregular = p != ISA_LEN - 3;
	t->d.rep = 0;
	if (!*irregular && b[82] != 'U' && !is_alnum(b[82]) && b[82] != ' ')
		t->d.rep = b[82];
	if (!delims_usable(&t->d) || (t->d.rep != 0 && (t->d.rep == e ||
	    t->d.rep == t->d.comp || t->d.rep == t->d.seg)))
		return clm_error_set(err, CLM_EFORMAT, t->name, 0,
		    "segment %ld: the interchange header (ISA) declares "
		    "unusable delimiters", t->pos + 1);
	t->have_delims = 1;
	return 0;
}

static int
starts_isa(const struct clm_x12in_tok *t)
{
	const char *b = t->buf + t->start;

	return t->end - t->start >= 4 && b[0] == 'I' && b[1] == 'S' &&
	    b[2] == 'A' && !is_alnum(b[3]);
}

/* Cut buf[start..start+len) into elements. */
static void
split(const struct clm_x12in_tok *t, struct clm_x12in_seg *s,
    const char *p, size_t len)
{
	const char *end = p + len, *q;
	size_t n = 0;

	while (len > 0 && (p[len - 1] == '\r' || p[len - 1] == '\n'))
		end = p + --len;
	for (;;) {
		/* elements are short: a plain loop beats memchr's set-up */
		for (q = p; q < end && *q != t->d.elem; q++)
			;
		if (q == end)
			q = NULL;
		if (n <= CLM_X12IN_MAX_ELEMENTS) {
			s->el[n] = p;
			s->len[n] = (size_t)((q ? q : end) - p);
		}
		if (q == NULL)
			break;
		n++;
		p = q + 1;
	}
	s->nel = n;
	len = s->len[0] < 4 ? s->len[0] : 0;
	memcpy(s->id, s->el[0], len);
	s->id[len] = '\0';
	for (size_t i = 0; i < len; i++)
		if (!is_alnum(s->id[i]))
			s->id[0] = '\0';
	s->code = clm_x12in_code(s->id);
}

/* Find the terminator of the segment at start, refilling as needed. */
static int
find_end(struct clm_x12in_tok *t, size_t *len, struct clm_error *err)
{
	size_t scanned = 0;

	for (;;) {
		const char *b = t->buf + t->start;
		size_t avail = t->end - t->start;
		const char *q = memchr(b + scanned, t->d.seg, avail - scanned);
		int rc;

		if (q != NULL) {
			*len = (size_t)(q - b);
			return 1;
		}
		if (avail > CLM_X12IN_MAX_SEGMENT)
			return clm_error_set(err, CLM_ELIMIT, t->name, 0,
			    "segment %ld: no segment terminator within %d "
			    "bytes", t->pos, CLM_X12IN_MAX_SEGMENT);
		if (t->eof) {
			*len = avail;
			return 0;
		}
		scanned = avail;
		if ((rc = fill(t, avail + 4096, err)) < 0)
			return rc;
	}
}

int
clm_x12in_tok_next(struct clm_x12in_tok *t, struct clm_x12in_seg *s,
    struct clm_error *err)
{
	size_t len = 0;
	int rc;

	if ((rc = skip_gaps(t, err)) < 0)
		return rc;
	if (t->start == t->end)
		return 0;
	s->isa_irregular = 0;
	if ((rc = fill(t, 512, err)) < 0)
		return rc;
	if (starts_isa(t) && (rc = read_isa(t, &s->isa_irregular, err)) < 0)
		return rc;
	if (!t->have_delims)
		return clm_error_set(err, CLM_EFORMAT, t->name, 0,
		    "not X12: the input does not start with an interchange "
		    "header (ISA)");
	t->pos++;
	if ((rc = find_end(t, &len, err)) < 0)
		return rc;
	s->unterminated = rc == 0;
	s->pos = t->pos;
	s->line = t->line;
	split(t, s, t->buf + t->start, len);
	for (const char *p = t->buf + t->start, *e = p + len + (rc == 1);
	    (p = memchr(p, '\n', (size_t)(e - p))) != NULL; p++)
		t->line++;
	t->start += len + (rc == 1);
	return 1;
}

size_t
clm_x12in_el(const struct clm_x12in_seg *s, size_t i, const char **p)
{
	if (i > s->nel || i > CLM_X12IN_MAX_ELEMENTS) {
		*p = "";
		return 0;
	}
	*p = s->el[i];
	return s->len[i];
}

size_t
clm_x12in_comp(const struct clm_x12in_seg *s, size_t i, size_t k,
    char comp, const char **p)
{
	const char *v, *q, *end;
	size_t len = clm_x12in_el(s, i, &v);

	end = v + len;
	for (size_t n = 1; ; n++) {
		q = memchr(v, comp, (size_t)(end - v));
		if (n == k) {
			*p = v;
			return (size_t)((q ? q : end) - v);
		}
		if (q == NULL)
			break;
		v = q + 1;
	}
	*p = "";
	return 0;
}

int
clm_x12in_el_is(const struct clm_x12in_seg *s, size_t i, const char *v)
{
	const char *p;
	size_t len = clm_x12in_el(s, i, &p);

	return len == strlen(v) && memcmp(p, v, len) == 0;
}
