/*
 * The first pass's verdict in bounded memory (see group.h): is any claim's
 * row found away from the claim it continues?  Each claim start is an
 * event (id fingerprint, sequence, whether the row continues a claim:
 * line_no not 1).  A row comes back to an earlier claim exactly when, among
 * the events of one fingerprint in sequence order, one after the first
 * continues a claim.  Events are sorted in a fixed buffer; a full buffer
 * is written as a sorted run to an unlinked temporary file and the runs
 * are merged at the end, so memory stays the same at any input size (the
 * hash set it replaces took 8 bytes a claim, 24 MB at a million).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "group.h"

struct start_ev {
	uint64_t h;
	uint64_t seq_cont;	/* sequence << 1 | continues a claim */
};

struct start_run {
	long off, n;		/* events in the file */
	long at;		/* next one to read */
	struct start_ev buf[256];
	size_t nbuf, pos;
};

struct parse_starts {
	const char *name;
	struct start_ev *ev;
	size_t n, cap;
	uint64_t seq;
	FILE *fp;		/* the sorted runs, once the buffer filled */
	struct start_run *runs;
	size_t nruns;
};

static int
ev_cmp(const void *a, const void *b)
{
	const struct start_ev *x = a, *y = b;

	if (x->h != y->h)
		return x->h < y->h ? -1 : 1;
	return x->seq_cont < y->seq_cont ? -1 : x->seq_cont > y->seq_cont;
}

struct parse_starts *
parse_starts_new(const char *name, size_t buffer_bytes)
{
	struct parse_starts *s = clm_xcalloc(1, sizeof(*s));

	s->name = name;
	s->cap = buffer_bytes / sizeof(struct start_ev);
	if (s->cap < 2)
		s->cap = 2;
	s->ev = clm_xmalloc(s->cap * sizeof(*s->ev));
	return s;
}

void
parse_starts_free(struct parse_starts *s)
{
	if (s == NULL)
		return;
	if (s->fp != NULL)
		fclose(s->fp);
	free(s->runs);
	free(s->ev);
	free(s);
}

/* Scan sorted events of one buffer for a return; 1 when found. */
static int
sorted_has_return(const struct start_ev *ev, size_t n)
{
	for (size_t i = 1; i < n; i++)
		if (ev[i].h == ev[i - 1].h && (ev[i].seq_cont & 1))
			return 1;
	return 0;
}

static int
write_run(struct parse_starts *s, struct clm_error *err)
{
	long off;

	if (s->fp == NULL && (s->fp = parse_temp_file(s->name, err)) == NULL)
		return -CLM_EIO;
	if (fseek(s->fp, 0, SEEK_END) != 0 || (off = ftell(s->fp)) < 0 ||
	    fwrite(s->ev, sizeof(*s->ev), s->n, s->fp) != s->n)
		return clm_error_set(err, CLM_EIO, s->name, 0, "cannot write "
		    "the first pass's temporary file: %s", strerror(errno));
	s->runs = clm_xrealloc(s->runs, (s->nruns + 1) * sizeof(*s->runs));
	memset(&s->runs[s->nruns], 0, sizeof(*s->runs));
	s->runs[s->nruns].off = off / (long)sizeof(*s->ev);
	s->runs[s->nruns].n = (long)s->n;
	s->nruns++;
	s->n = 0;
	return 0;
}

int
parse_starts_add(struct parse_starts *s, uint64_t h, int continues,
    struct clm_error *err)
{
	if (s->n == s->cap) {
		qsort(s->ev, s->n, sizeof(*s->ev), ev_cmp);
		if (sorted_has_return(s->ev, s->n))
			return 1;
		if (write_run(s, err) < 0)
			return -CLM_EIO;
	}
	s->ev[s->n].h = h;
	s->ev[s->n].seq_cont = s->seq++ << 1 | (continues != 0);
	s->n++;
	return 0;
}

/* The next event of run r, or NULL when it has none left. */
static const struct start_ev *
run_peek(struct parse_starts *s, struct start_run *r, struct clm_error *err,
    int *rc)
{
	if (r->pos == r->nbuf && r->at < r->n) {
		long want = r->n - r->at;

		if (want > (long)(sizeof(r->buf) / sizeof(r->buf[0])))
			want = (long)(sizeof(r->buf) / sizeof(r->buf[0]));
		if (fseek(s->fp, (r->off + r->at) * (long)sizeof(*r->buf),
		    SEEK_SET) != 0 || fread(r->buf, sizeof(*r->buf),
		    (size_t)want, s->fp) != (size_t)want) {
			*rc = clm_error_set(err, CLM_EIO, s->name, 0, "cannot "
			    "read the first pass's temporary file");
			return NULL;
		}
		r->nbuf = (size_t)want;
		r->pos = 0;
		r->at += want;
	}
	return r->pos < r->nbuf ? &r->buf[r->pos] : NULL;
}

/* heap[0..n) of runs ordered by their next event (a binary min-heap). */
static int
run_less(struct start_run *const *heap, size_t a, size_t b)
{
	return ev_cmp(&heap[a]->buf[heap[a]->pos],
	    &heap[b]->buf[heap[b]->pos]) < 0;
}

static void
sift_down(struct start_run **heap, size_t n, size_t i)
{
	for (;;) {
		size_t l = 2 * i + 1, m = i;
		struct start_run *t;

		if (l < n && run_less(heap, l, m))
			m = l;
		if (l + 1 < n && run_less(heap, l + 1, m))
			m = l + 1;
		if (m == i)
			return;
		t = heap[i];
		heap[i] = heap[m];
		heap[m] = t;
		i = m;
	}
}

/* Merge the runs in (fingerprint, sequence) order, looking for a return;
 * a heap keeps it O(n log runs) at any size. */
static int
merge_runs(struct parse_starts *s, struct clm_error *err)
{
	struct start_run **heap = clm_xmalloc(s->nruns * sizeof(*heap));
	size_t n = 0;
	uint64_t last = 0;
	int have = 0, rc = 0;

	for (size_t i = 0; i < s->nruns; i++) {
		if (run_peek(s, &s->runs[i], err, &rc) != NULL)
			heap[n++] = &s->runs[i];
		else if (rc < 0)
			break;
	}
	for (size_t i = n; rc == 0 && i-- > 0;)
		sift_down(heap, n, i);
	while (rc == 0 && n > 0) {
		struct start_run *r = heap[0];
		const struct start_ev *e = &r->buf[r->pos];

		if (have && e->h == last && (e->seq_cont & 1)) {
			rc = 1;
			break;
		}
		last = e->h;
		have = 1;
		r->pos++;
		if (run_peek(s, r, err, &rc) == NULL) {
			if (rc < 0)
				break;
			heap[0] = heap[--n];
		}
		sift_down(heap, n, 0);
	}
	free(heap);
	return rc;
}

int
parse_starts_scattered(struct parse_starts *s, struct clm_error *err)
{
	qsort(s->ev, s->n, sizeof(*s->ev), ev_cmp);
	if (sorted_has_return(s->ev, s->n))
		return 1;
	if (s->nruns == 0)
		return 0;
	if (s->n > 0 && write_run(s, err) < 0)
		return -CLM_EIO;
	return merge_runs(s, err);
}
