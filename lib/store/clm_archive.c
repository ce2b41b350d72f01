/*
 * clm_archive - the sent archive (see clm_archive.h, docs/archive.md).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <csv.h>

#include "clm_archive.h"
#include "clm_money.h"
#include "clm_csv.h"
#include "clm_date.h"
#include "clm_history.h"
#include "clm_io.h"

struct clm_archive_spool {
	FILE *fp;
	size_t n;
};

/* ---- writing ---------------------------------------------------------- */

static int
needs_quotes(const char *s, size_t len)
{
	if (len > 0 && (s[0] == ' ' || s[0] == '\t' || s[len - 1] == ' ' ||
	    s[len - 1] == '\t'))
		return 1;
	for (size_t i = 0; i < len; i++)
		if (s[i] == ',' || s[i] == '"' || s[i] == '\r' || s[i] == '\n')
			return 1;
	return 0;
}

/* One CSV field, preceded by a comma unless first. */
static void
put_field(FILE *fp, const char *s, size_t len, int first)
{
	if (!first)
		fputc(',', fp);
	if (needs_quotes(s, len))
		csv_fwrite(fp, s, len);
	else
		fwrite(s, 1, len, fp);
}

static void
put_str(FILE *fp, const char *s, int first)
{
	put_field(fp, s, strlen(s), first);
}

struct clm_archive_spool *
clm_archive_spool_new(struct clm_error *err)
{
	struct clm_archive_spool *sp = clm_xcalloc(1, sizeof(*sp));

	sp->fp = tmpfile();
	if (sp->fp == NULL) {
		clm_error_set(err, CLM_EIO, "archive spool", 0, "%s",
		    strerror(errno));
		free(sp);
		return NULL;
	}
	return sp;
}

void
clm_archive_spool_free(struct clm_archive_spool *sp)
{
	if (sp == NULL)
		return;
	fclose(sp->fp);
	free(sp);
}

size_t
clm_archive_spool_count(const struct clm_archive_spool *sp)
{
	return sp->n;
}

/* Earliest from and latest to date of the claim's lines. */
static void
claim_dates(const struct clm_claim *c, const struct clm_header *h,
    long *from, long *to)
{
	*from = *to = 0;
	for (size_t i = 0; i < c->n; i++) {
		long f = clm_date_parse(clm_row_get(c->rows[i], h,
		    CLM_COL_DOS_FROM));
		long t = clm_date_parse(clm_row_get(c->rows[i], h,
		    CLM_COL_DOS_TO));

		if (t <= 0)
			t = f;
		if (f > 0 && (*from == 0 || f < *from))
			*from = f;
		if (t > 0 && t > *to)
			*to = t;
	}
}

static long long
claim_charge(const struct clm_claim *c, const struct clm_header *h)
{
	long long sum = 0, v;

	for (size_t i = 0; i < c->n; i++) {
		const char *s = clm_row_get(c->rows[i], h, CLM_COL_CHARGE);

		if (clm_money_parse(s, &v))
			sum += v;
	}
	return sum;
}

/* Where the claim came from: the export's file and lines that clm-parse
 * put in src_file/src_line, else the record input read here. */
static const char *
origin_file(const struct clm_claim *c, const struct clm_header *h)
{
	const char *f = clm_row_get(c->rows[0], h, CLM_COL_SRC_FILE);

	return f[0] != '\0' ? f : c->file ? c->file : "-";
}

static long
origin_line(const struct clm_row *r, const struct clm_header *h)
{
	const char *v = clm_row_get(r, h, CLM_COL_SRC_LINE);
	char *end;
	long n = strtol(v, &end, 10);

	return v[0] != '\0' && *end == '\0' && n > 0 ? n : r->line;
}

int
clm_archive_spool_claim(struct clm_archive_spool *sp,
    const struct clm_claim *c, const struct clm_header *h, const char *st02,
    long seg_first, long seg_last, struct clm_error *err)
{
	char buf[64];
	long from, to;

	if (c->n == 0)
		return 0;
	claim_dates(c, h, &from, &to);
	fputc('C', sp->fp);
	put_str(sp->fp, st02, 0);
	put_str(sp->fp, clm_claim_id(c, h), 0);
	snprintf(buf, sizeof(buf), "%016llx",
	    (unsigned long long)clm_history_claim_fp(c, h));
	put_str(sp->fp, buf, 0);
	clm_money_format(claim_charge(c, h), buf, sizeof(buf));
	put_str(sp->fp, buf, 0);
	snprintf(buf, sizeof(buf), "%08ld,%08ld", from, to);
	fputc(',', sp->fp);
	fputs(buf, sp->fp);
	put_str(sp->fp, origin_file(c, h), 0);
	snprintf(buf, sizeof(buf), "%ld-%ld", origin_line(c->rows[0], h),
	    origin_line(c->rows[c->n - 1], h));
	put_str(sp->fp, buf, 0);
	put_str(sp->fp, clm_row_get(c->rows[0], h, CLM_COL_PAYER_ID), 0);
	snprintf(buf, sizeof(buf), "%ld-%ld", seg_first > 0 ? seg_first : 0,
	    seg_first > 0 ? seg_last : 0);
	put_str(sp->fp, buf, 0);
	fputc('\n', sp->fp);
	for (size_t i = 0; i < c->n; i++) {
		const struct clm_row *r = c->rows[i];

		fprintf(sp->fp, "R,%ld", r->line);
		for (size_t k = 0; k < h->ncols; k++)
			put_field(sp->fp, clm_row_value(r, k),
			    clm_row_value_len(r, k), 0);
		fputc('\n', sp->fp);
	}
	sp->n++;
	if (ferror(sp->fp))
		return clm_error_set(err, CLM_EIO, "archive spool", 0,
		    "cannot write: %s", strerror(errno));
	return 0;
}

static int
write_all(int fd, const char *buf, size_t len)
{
	while (len > 0) {
		ssize_t w = write(fd, buf, len);

		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0)
			return -1;
		buf += w;
		len -= (size_t)w;
	}
	return 0;
}

/*
 * Open path for appending and take the exclusive lock.  A prune replaces
 * the file while we wait for the lock: then the lock is on the old inode,
 * so open again until the locked file is the one at path.
 */
static int
open_locked(const char *path, int flags, struct clm_error *err)
{
	for (int tries = 0; tries < 100; tries++) {
		struct stat a, b;
		int fd = open(path, flags | O_CLOEXEC, 0600);

		if (fd < 0)
			return clm_error_set(err, CLM_EIO, path, 0,
			    "cannot open the archive: %s", strerror(errno));
		if (flock(fd, LOCK_EX) < 0 || fstat(fd, &a) < 0) {
			close(fd);
			return clm_error_set(err, CLM_EIO, path, 0,
			    "cannot lock the archive: %s", strerror(errno));
		}
		if (stat(path, &b) == 0 && a.st_ino == b.st_ino &&
		    a.st_dev == b.st_dev)
			return fd;
		close(fd);
	}
	return clm_error_set(err, CLM_EIO, path, 0,
	    "the archive keeps being replaced; not written");
}

static void
put_header(FILE *fp, const struct clm_archive_batch *b,
    const struct clm_header *h)
{
	char buf[16];

	snprintf(buf, sizeof(buf), "%08ld", b->sent);
	fputc('B', fp);
	put_str(fp, buf, 0);
	put_str(fp, b->isa13, 0);
	put_str(fp, b->gs06, 0);
	put_str(fp, b->sender, 0);
	put_str(fp, b->receiver, 0);
	put_str(fp, b->file, 0);
	fputs("\nH", fp);
	for (size_t k = 0; k < h->ncols; k++)
		put_str(fp, h->names[k], 0);
	fputc('\n', fp);
}

int
clm_archive_append(const char *path, const struct clm_archive_batch *b,
    const struct clm_header *h, struct clm_archive_spool *sp,
    struct clm_error *err)
{
	char *hdr = NULL, buf[65536];
	size_t hlen = 0, n;
	FILE *mem = open_memstream(&hdr, &hlen);
	int fd, rc = 0;

	if (mem == NULL)
		return clm_error_set(err, CLM_EIO, path, 0, "out of memory");
	put_header(mem, b, h);
	fclose(mem);
	if ((fd = open_locked(path, O_WRONLY | O_CREAT | O_APPEND, err)) < 0) {
		free(hdr);
		return fd;
	}
	if (write_all(fd, hdr, hlen) < 0)
		rc = -1;
	free(hdr);
	if (fflush(sp->fp) != 0 || fseek(sp->fp, 0, SEEK_SET) != 0)
		rc = -1;
	while (rc == 0 && (n = fread(buf, 1, sizeof(buf), sp->fp)) > 0)
		rc = write_all(fd, buf, n);
	if (rc == 0 && ferror(sp->fp))
		rc = -1;
	if (rc == 0)
		rc = fsync(fd);
	if (rc < 0)
		rc = clm_error_set(err, CLM_EIO, path, 0,
		    "cannot append to the archive: %s", strerror(errno));
	close(fd);
	return rc;
}

/* ---- reading ---------------------------------------------------------- */

/* Strings of the claims: blocks that never move. */
struct blk {
	struct blk *next;
	size_t used, cap;
	char data[];
};

/* Where each line that may start a B, H or C record begins (any line
 * whose first byte is not 'R'), found while the archive is read. */
struct cand {
	long line;
	long long off;
};

struct clm_archive {
	struct clm_archive_batch *b;
	size_t nb, capb;
	struct clm_archive_claim *c;
	size_t nc, capc;
	struct clm_archive_line *lines;
	size_t nl, capl;
	size_t *by_clm01;	/* claims by CLM01, then as sent; lazily */
	struct blk *strings;
	char *name;		/* the archive, for errors */
	int fd;			/* read back from it, or from text */
	const char *text;
	size_t tlen;
	/* loading: the line starts seen and not yet passed */
	struct cand *cand;
	size_t ncand, headcand, capcand;
	long long pos;		/* bytes handed to the parser */
	long nlf;		/* newlines among them */
	int at_start;		/* pos is at a line start */
};

static const char *
intern(struct clm_archive *a, const char *s, size_t len)
{
	struct blk *b = a->strings;

	if (len == 0)
		return "";
	if (b == NULL || b->cap - b->used < len + 1) {
		size_t cap = len + 1 > 65536 ? len + 1 : 65536;

		b = clm_xmalloc(sizeof(*b) + cap);
		b->next = a->strings;
		b->used = 0;
		b->cap = cap;
		a->strings = b;
	}
	memcpy(b->data + b->used, s, len);
	b->data[b->used + len] = '\0';
	b->used += len + 1;
	return b->data + b->used - len - 1;
}

void
clm_archive_free(struct clm_archive *a)
{
	if (a == NULL)
		return;
	for (size_t i = 0; i < a->nb; i++)
		clm_header_free(a->b[i].h);
	while (a->strings != NULL) {
		struct blk *next = a->strings->next;

		free(a->strings);
		a->strings = next;
	}
	if (a->fd >= 0)
		close(a->fd);
	free(a->name);
	free(a->b);
	free(a->c);
	free(a->lines);
	free(a->cand);
	free(a->by_clm01);
	free(a);
}

size_t
clm_archive_nbatches(const struct clm_archive *a)
{
	return a->nb;
}

const struct clm_archive_batch *
clm_archive_batch(const struct clm_archive *a, size_t i)
{
	return i < a->nb ? &a->b[i] : NULL;
}

size_t
clm_archive_nclaims(const struct clm_archive *a)
{
	return a->nc;
}

const struct clm_archive_claim *
clm_archive_claim(const struct clm_archive *a, size_t i)
{
	return i < a->nc ? &a->c[i] : NULL;
}

static void
copy_val(char *dst, size_t size, const struct clm_row *r, size_t i)
{
	snprintf(dst, size, "%s", clm_row_value(r, i));
}

static long
read_date(const struct clm_row *r, size_t i)
{
	const char *s = clm_row_value(r, i);

	return strcmp(s, "00000000") == 0 ? 0 : clm_date_parse(s);
}

/* The byte offset of the record starting on line, -1 when not seen. */
static long long
offset_of(struct clm_archive *a, long line)
{
	while (a->headcand < a->ncand && a->cand[a->headcand].line < line)
		a->headcand++;
	if (a->headcand > 1024 && a->headcand * 2 > a->ncand) {
		memmove(a->cand, a->cand + a->headcand,
		    (a->ncand - a->headcand) * sizeof(*a->cand));
		a->ncand -= a->headcand;
		a->headcand = 0;
	}
	if (a->headcand < a->ncand && a->cand[a->headcand].line == line)
		return a->cand[a->headcand].off;
	return -1;
}

/* A B or C record at off: the previous claim's records end there. */
static void
end_claim(struct clm_archive *a, long long off)
{
	struct clm_archive_claim *c = a->nc ? &a->c[a->nc - 1] : NULL;

	if (c != NULL && c->len == 0 && c->off >= 0 && off > c->off)
		c->len = off - c->off;
}

static int
add_batch(struct clm_archive *a, const struct clm_row *r, const char *name,
    struct clm_error *err)
{
	struct clm_archive_batch *b;

	if (r->n < 7 || (read_date(r, 1) <= 0))
		return clm_error_set(err, CLM_EFORMAT, name, r->line,
		    "archive batch record (B) needs 7 fields and a date");
	end_claim(a, offset_of(a, r->line));
	if (a->nb == a->capb) {
		a->capb = a->capb ? a->capb * 2 : 16;
		a->b = clm_xrealloc(a->b, a->capb * sizeof(*a->b));
	}
	b = &a->b[a->nb++];
	memset(b, 0, sizeof(*b));
	b->sent = read_date(r, 1);
	copy_val(b->isa13, sizeof(b->isa13), r, 2);
	copy_val(b->gs06, sizeof(b->gs06), r, 3);
	copy_val(b->sender, sizeof(b->sender), r, 4);
	copy_val(b->receiver, sizeof(b->receiver), r, 5);
	copy_val(b->file, sizeof(b->file), r, 6);
	return 0;
}

static int
add_header(struct clm_archive *a, const struct clm_row *r, const char *name,
    struct clm_error *err)
{
	struct clm_archive_batch *b = a->nb ? &a->b[a->nb - 1] : NULL;

	if (b == NULL || b->h != NULL)
		return clm_error_set(err, CLM_EFORMAT, name, r->line,
		    "archive header record (H) outside a batch");
	b->h = clm_header_new();
	for (size_t i = 1; i < r->n; i++)
		clm_header_add(b->h, clm_row_value(r, i));
	if (b->h->canon[CLM_COL_CLAIM_ID] < 0)
		return clm_error_set(err, CLM_EFORMAT, name, r->line,
		    "archive header record (H) has no claim_id column");
	return clm_header_check(b->h, name, err) < 0 ? -CLM_EFORMAT : 0;
}

static int
parse_rows(const char *s, long *first, long *last)
{
	char *end;

	*first = strtol(s, &end, 10);
	if (end == s || *end != '-')
		return -1;
	s = end + 1;
	*last = strtol(s, &end, 10);
	return end == s || *end != '\0' ? -1 : 0;
}

/* A repeated value (source file, payer) shares the previous claim's. */
static const char *
intern_like(struct clm_archive *a, const struct clm_row *r, size_t i,
    const char *prev)
{
	const char *v = clm_row_value(r, i);

	if (prev != NULL && strcmp(prev, v) == 0)
		return prev;
	return intern(a, v, clm_row_value_len(r, i));
}

static int
add_claim(struct clm_archive *a, const struct clm_row *r, const char *name,
    struct clm_error *err)
{
	struct clm_archive_claim *c, *prev;
	const char *v;
	char *end;

	if (a->nb == 0 || a->b[a->nb - 1].h == NULL)
		return clm_error_set(err, CLM_EFORMAT, name, r->line,
		    "archive claim record (C) before its batch and header");
	if (r->n < 10)
		return clm_error_set(err, CLM_EFORMAT, name, r->line,
		    "archive claim record (C) needs 10 fields");
	end_claim(a, offset_of(a, r->line));
	if (a->nc == a->capc) {
		a->capc = a->capc ? a->capc * 2 : 64;
		a->c = clm_xrealloc(a->c, a->capc * sizeof(*a->c));
	}
	prev = a->nc ? &a->c[a->nc - 1] : NULL;
	c = &a->c[a->nc];
	memset(c, 0, sizeof(*c));
	c->batch = a->nb - 1;
	c->line = r->line;
	c->off = offset_of(a, r->line);
	/* lines: an index into a->lines until the load ends */
	c->lines = (const struct clm_archive_line *)(uintptr_t)a->nl;
	copy_val(c->st02, sizeof(c->st02), r, 1);
	c->clm01 = intern(a, clm_row_value(r, 2),
	    clm_row_value_len(r, 2));
	c->source = intern_like(a, r, 7, prev ? prev->source : NULL);
	c->payer_id = intern_like(a, r, 9,
	    prev ? prev->payer_id : NULL);
	a->nc++;
	v = clm_row_value(r, 3);
	errno = 0;
	c->fp = strtoull(v, &end, 16);
	if (end == v || *end != '\0' || errno != 0 ||
	    !clm_money_parse_n(clm_row_value(r, 4), clm_row_value_len(r, 4),
	    &c->charge) || parse_rows(clm_row_value(r, 8), &c->first_row,
	    &c->last_row) < 0)
		return clm_error_set(err, CLM_EFORMAT, name, r->line,
		    "archive claim record (C): unreadable fingerprint, "
		    "charge or rows");
	/* the segment range came later: an older archive has none */
	if (r->n > 10 && (parse_rows(clm_row_value(r, 10), &c->seg_first,
	    &c->seg_last) < 0 || c->seg_first < 0 ||
	    c->seg_last < c->seg_first))
		return clm_error_set(err, CLM_EFORMAT, name, r->line,
		    "archive claim record (C): unreadable segment range");
	c->from = read_date(r, 5);
	c->to = read_date(r, 6);
	if (c->from < 0 || c->to < 0)
		return clm_error_set(err, CLM_EFORMAT, name, r->line,
		    "archive claim record (C): unreadable service dates");
	return 0;
}

/* Value of canonical column col of an R record (values from field 2). */
static const char *
row_col(const struct clm_row *r, const struct clm_header *h, int col,
    size_t *len)
{
	int k = h->canon[col];

	if (k < 0 || (size_t)k + 2 >= r->n) {
		*len = 0;
		return "";
	}
	*len = clm_row_value_len(r, (size_t)k + 2);
	return clm_row_value(r, (size_t)k + 2);
}

static int
add_row(struct clm_archive *a, const struct clm_row *r, const char *name,
    struct clm_error *err)
{
	const struct clm_header *h;
	struct clm_archive_line *l;
	const char *v;
	char *end;
	size_t len;
	long line;

	if (a->nc == 0 || a->c[a->nc - 1].batch != a->nb - 1)
		return clm_error_set(err, CLM_EFORMAT, name, r->line,
		    "archive row record (R) outside a claim");
	if (r->n < 2)
		return clm_error_set(err, CLM_EFORMAT, name, r->line,
		    "archive row record (R): unreadable source line");
	line = strtol(clm_row_value(r, 1), &end, 10);
	if (*end != '\0')
		return clm_error_set(err, CLM_EFORMAT, name, r->line,
		    "archive row record (R): unreadable source line");
	h = a->b[a->nb - 1].h;
	if (a->nl == a->capl) {
		a->capl = a->capl ? a->capl * 2 : 128;
		a->lines = clm_xrealloc(a->lines, a->capl * sizeof(*a->lines));
	}
	l = &a->lines[a->nl++];
	l->line = line;
	v = row_col(r, h, CLM_COL_LINE_NO, &len);
	l->line_no = strtol(v, NULL, 10);
	v = row_col(r, h, CLM_COL_LINE_CTRL, &len);
	l->ctrl = intern(a, v, len);
	a->c[a->nc - 1].nlines++;
	return 0;
}

/* The parser's byte source: the archive's descriptor or text, noting the
 * lines that may start a record on the way. */
static long
load_read(void *ctx, void *buf, size_t size, struct clm_error *err)
{
	struct clm_archive *a = ctx;
	const char *p = buf;
	ssize_t n;

	if (a->fd >= 0) {
		do
			n = read(a->fd, buf, size);
		while (n < 0 && errno == EINTR);
		if (n < 0)
			return clm_error_set(err, CLM_EIO, a->name, 0, "%s",
			    strerror(errno));
	} else {
		n = (ssize_t)(a->tlen - (size_t)a->pos < size ?
		    a->tlen - (size_t)a->pos : size);
		memcpy(buf, a->text + a->pos, (size_t)n);
	}
	for (ssize_t i = 0; i < n; i++) {
		if (a->at_start && p[i] != 'R' && p[i] != '\n') {
			if (a->ncand == a->capcand) {
				a->capcand = a->capcand ? a->capcand * 2 :
				    256;
				a->cand = clm_xrealloc(a->cand, a->capcand *
				    sizeof(*a->cand));
			}
			a->cand[a->ncand].line = a->nlf + 1;
			a->cand[a->ncand++].off = a->pos + i;
		}
		a->at_start = 0;
		{
			const char *nl = memchr(p + i, '\n', (size_t)(n - i));

			if (nl == NULL)
				break;
			i = nl - p;
			a->nlf++;
			a->at_start = 1;
		}
	}
	a->pos += n;
	return (long)n;
}

static struct clm_archive *
load(struct clm_archive *a, struct clm_error *err)
{
	struct clm_csv *csv = clm_csv_open_fn(load_read, a, a->name, ',');
	struct clm_row *r = clm_row_new();
	const char *name = a->name;
	int rc;

	a->at_start = 1;
	while ((rc = clm_csv_next(csv, r, err)) > 0) {
		const char *tag = clm_row_value(r, 0);

		if (strcmp(tag, "B") == 0)
			rc = add_batch(a, r, name, err);
		else if (strcmp(tag, "H") == 0)
			rc = add_header(a, r, name, err);
		else if (strcmp(tag, "C") == 0)
			rc = add_claim(a, r, name, err);
		else if (strcmp(tag, "R") == 0)
			rc = add_row(a, r, name, err);
		else
			rc = clm_error_set(err, CLM_EFORMAT, name, r->line,
			    "not a sent archive record (B, H, C or R)");
		if (rc < 0)
			break;
	}
	clm_row_free(r);
	clm_csv_close(csv);
	free(a->cand);
	a->cand = NULL;
	a->ncand = a->headcand = a->capcand = 0;
	for (size_t i = 0; i < a->nc; i++)
		a->c[i].lines = a->lines == NULL ? NULL :
		    a->lines + (uintptr_t)a->c[i].lines;
	if (rc < 0) {
		clm_archive_free(a);
		return NULL;
	}
	return a;
}

struct clm_archive *
clm_archive_load(const char *path, struct clm_error *err)
{
	struct clm_archive *a;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0) {
		clm_error_set(err, CLM_EIO, path, 0, "cannot open the "
		    "archive: %s", strerror(errno));
		return NULL;
	}
	a = clm_xcalloc(1, sizeof(*a));
	a->fd = fd;
	a->name = clm_xstrdup(path);
	return load(a, err);
}

struct clm_archive *
clm_archive_load_text(const char *text, size_t len, const char *name,
    struct clm_error *err)
{
	struct clm_archive *a = clm_xcalloc(1, sizeof(*a));

	a->fd = -1;
	a->text = text;
	a->tlen = len;
	a->name = clm_xstrdup(name);
	return load(a, err);
}

/* ---- reading a claim's records back ------------------------------------ */

struct back {
	const struct clm_archive *a;
	long long pos, end;	/* end: where its records likely stop */
};

static long
back_read(void *ctx, void *buf, size_t size, struct clm_error *err)
{
	struct back *s = ctx;
	const struct clm_archive *a = s->a;
	ssize_t n;

	/* a quoted newline can make end short: read on past it then */
	if (s->end > s->pos && (long long)size > s->end - s->pos)
		size = (size_t)(s->end - s->pos);
	if (a->fd >= 0) {
		do
			n = pread(a->fd, buf, size, (off_t)s->pos);
		while (n < 0 && errno == EINTR);
		if (n < 0)
			return clm_error_set(err, CLM_EIO, a->name, 0, "%s",
			    strerror(errno));
	} else {
		size_t left = (size_t)s->pos < a->tlen ?
		    a->tlen - (size_t)s->pos : 0;

		n = (ssize_t)(left < size ? left : size);
		memcpy(buf, a->text + s->pos, (size_t)n);
	}
	s->pos += n;
	return (long)n;
}

int
clm_archive_rows(const struct clm_archive *a, size_t i,
    struct clm_claim *rows, struct clm_error *err)
{
	const struct clm_archive_claim *c = clm_archive_claim(a, i);
	struct back src;
	struct clm_csv *csv;
	struct clm_row *r;
	int rc = 0;

	clm_claim_init(rows);
	if (c == NULL || c->off < 0)
		return clm_error_set(err, CLM_EFORMAT, a->name,
		    c ? c->line : 0, "archive claim record (C): where its "
		    "records start is not known; not read back");
	src.a = a;
	src.pos = c->off;
	src.end = c->len > 0 ? c->off + c->len : 0;
	csv = clm_csv_open_fn(back_read, &src, a->name, ',');
	r = clm_row_new();
	if (clm_csv_next(csv, r, err) <= 0 ||
	    strcmp(clm_row_value(r, 0), "C") != 0 ||
	    strcmp(clm_row_value(r, 2), c->clm01) != 0)
		rc = clm_error_set(err, CLM_EFORMAT, a->name, c->line,
		    "archive claim record (C) of claim %s not found where "
		    "it was read: the archive changed", c->clm01);
	while (rc == 0 && rows->n < c->nlines) {
		struct clm_row *row;

		if ((rc = clm_csv_next(csv, r, err)) <= 0 ||
		    strcmp(clm_row_value(r, 0), "R") != 0 || r->n < 2) {
			rc = clm_error_set(err, CLM_EFORMAT, a->name,
			    c->line, "claim %s: %zu of its %zu records (R) "
			    "read back: the archive changed", c->clm01,
			    rows->n, c->nlines);
			break;
		}
		rc = 0;
		row = clm_row_new();
		for (size_t k = 2; k < r->n; k++)
			clm_row_push(row, clm_row_value(r, k),
			    clm_row_value_len(r, k));
		row->line = strtol(clm_row_value(r, 1), NULL, 10);
		clm_claim_append(rows, row);
	}
	clm_row_free(r);
	clm_csv_close(csv);
	if (rc < 0)
		clm_claim_free(rows);
	return rc < 0 ? rc : 0;
}

/* ---- finding a claim --------------------------------------------------- */

static const struct clm_archive *sort_archive;	/* for qsort only */

static int
by_clm01(const void *pa, const void *pb)
{
	size_t i = *(const size_t *)pa, j = *(const size_t *)pb;
	int d = strcmp(sort_archive->c[i].clm01, sort_archive->c[j].clm01);

	return d != 0 ? d : (i > j) - (i < j);
}

static void
build_index(struct clm_archive *a)
{
	a->by_clm01 = clm_xcalloc(a->nc + 1, sizeof(*a->by_clm01));
	for (size_t i = 0; i < a->nc; i++)
		a->by_clm01[i] = i;
	sort_archive = a;
	qsort(a->by_clm01, a->nc, sizeof(*a->by_clm01), by_clm01);
	sort_archive = NULL;
}

/* First position in by_clm01 whose CLM01 is not below id. */
static size_t
lower_bound(const struct clm_archive *a, const char *id)
{
	size_t lo = 0, hi = a->nc;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (strcmp(a->c[a->by_clm01[mid]].clm01, id) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

long
clm_archive_find(struct clm_archive *a, const char *clm01, int has_charge,
    long long charge, long from, long to, size_t *nfound)
{
	long found = -1;
	int same = 1;

	*nfound = 0;
	if (a->nc > 0 && a->by_clm01 == NULL)
		build_index(a);
	for (size_t k = a->nc ? lower_bound(a, clm01) : 0; k < a->nc; k++) {
		size_t i = a->by_clm01[k];
		const struct clm_archive_claim *c = &a->c[i];

		if (strcmp(c->clm01, clm01) != 0)
			break;
		if (has_charge && c->charge != charge)
			continue;
		if (from > 0 && (c->from != from || (to > 0 && c->to != to)))
			continue;
		if (found >= 0 && a->c[found].fp != c->fp)
			same = 0;
		found = (long)i;
		(*nfound)++;
	}
	return *nfound > 1 && !same ? -2 : found;
}

/* ---- pruning ---------------------------------------------------------- */

static void
put_record(FILE *fp, const struct clm_row *r)
{
	for (size_t i = 0; i < r->n; i++)
		put_field(fp, clm_row_value(r, i), clm_row_value_len(r, i),
		    i == 0);
	fputc('\n', fp);
}

struct fd_src {
	int fd;
	const char *path;
};

static long
fd_read(void *ctx, void *buf, size_t size, struct clm_error *err)
{
	struct fd_src *s = ctx;
	ssize_t n;

	do
		n = read(s->fd, buf, size);
	while (n < 0 && errno == EINTR);
	if (n < 0)
		return clm_error_set(err, CLM_EIO, s->path, 0, "%s",
		    strerror(errno));
	return (long)n;
}

int
clm_archive_prune(const char *path, long before, size_t *kept,
    size_t *removed, struct clm_error *err)
{
	struct fd_src src;
	struct clm_csv *csv;
	struct clm_row *r;
	struct clm_out *out;
	char *text = NULL;
	size_t tlen = 0, nkept = 0, nremoved = 0;
	FILE *mem;
	int fd, rc, keep = 0;

	if ((fd = open_locked(path, O_RDONLY, err)) < 0)
		return fd;
	src.fd = fd;
	src.path = path;
	csv = clm_csv_open_fn(fd_read, &src, path, ',');
	r = clm_row_new();
	mem = open_memstream(&text, &tlen);
	while (mem != NULL && (rc = clm_csv_next(csv, r, err)) > 0) {
		const char *tag = clm_row_value(r, 0);

		if (strcmp(tag, "B") == 0) {
			long d = read_date(r, 1);

			if (d <= 0) {
				rc = clm_error_set(err, CLM_EFORMAT, path,
				    r->line, "archive batch record (B) "
				    "without a date: nothing pruned");
				break;
			}
			keep = d >= before;
			if (keep)
				nkept++;
			else
				nremoved++;
		}
		if (keep)
			put_record(mem, r);
	}
	if (mem == NULL)
		rc = clm_error_set(err, CLM_EIO, path, 0, "out of memory");
	else
		fclose(mem);
	clm_row_free(r);
	clm_csv_close(csv);
	if (rc == 0 && (out = clm_out_open(path, err)) != NULL) {
		rc = clm_out_write(out, text, tlen, err);
		if (rc == 0)
			rc = clm_out_commit(out, err);
		clm_out_close(out);
	} else if (rc == 0) {
		rc = -CLM_EIO;
	}
	free(text);
	close(fd);
	if (kept != NULL)
		*kept = nkept;
	if (removed != NULL)
		*removed = nremoved;
	return rc < 0 ? rc : 0;
}
