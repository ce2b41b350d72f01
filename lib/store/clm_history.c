#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "clm_history.h"
#include "clm_io.h"

#define HISTORY_FILE_MAX ((size_t)CLM_HISTORY_MAX * 32)

struct history_entry {
	uint64_t fp;
	long date;
};

struct clm_history {
	struct history_entry *v;
	size_t n, cap;
};

static uint64_t
mix64(uint64_t x)
{
	x ^= x >> 30;
	x *= 0xbf58476d1ce4e5b9ULL;
	x ^= x >> 27;
	x *= 0x94d049bb133111ebULL;
	return x ^ (x >> 31);
}

uint64_t
clm_history_hash(uint64_t seed, const char *s, size_t len)
{
	uint64_t h = seed ^ 0xcbf29ce484222325ULL;

	for (size_t i = 0; i < len; i++) {
		h ^= (unsigned char)s[i];
		h *= 0x100000001b3ULL;
	}
	h ^= len;	/* "ab","c" and "a","bc" differ */
	h *= 0x100000001b3ULL;
	return mix64(h);
}

static uint64_t
hash_col(uint64_t seed, const struct clm_row *row, const struct clm_header *h,
    enum clm_column col)
{
	const char *v = clm_row_get(row, h, col);

	return clm_history_hash(seed, v, strlen(v));
}

uint64_t
clm_history_patient_fp(const struct clm_row *row, const struct clm_header *h)
{
	const char *rel = clm_row_get(row, h, CLM_COL_PAT_REL);
	int self = rel[0] == '\0' || strcmp(rel, "18") == 0;
	uint64_t fp = 0x70617469656e74ULL;

	fp = hash_col(fp, row, h, CLM_COL_PAYER_ID);
	fp = hash_col(fp, row, h, CLM_COL_SUB_ID);
	fp = hash_col(fp, row, h, self ? CLM_COL_SUB_LAST : CLM_COL_PAT_LAST);
	fp = hash_col(fp, row, h, self ? CLM_COL_SUB_FIRST : CLM_COL_PAT_FIRST);
	return hash_col(fp, row, h, self ? CLM_COL_SUB_DOB : CLM_COL_PAT_DOB);
}

static uint64_t
line_fp(const struct clm_row *row, const struct clm_header *h)
{
	static const enum clm_column cols[] = { CLM_COL_DOS_FROM,
	    CLM_COL_DOS_TO, CLM_COL_PROC, CLM_COL_MOD1, CLM_COL_MOD2,
	    CLM_COL_MOD3, CLM_COL_MOD4, CLM_COL_UNITS, CLM_COL_CHARGE };
	uint64_t fp = 0x6c696e65ULL;

	for (size_t i = 0; i < sizeof(cols) / sizeof(cols[0]); i++)
		fp = hash_col(fp, row, h, cols[i]);
	return fp;
}

uint64_t
clm_history_claim_fp(const struct clm_claim *c, const struct clm_header *h)
{
	uint64_t fp, lines = 0;

	if (c->n == 0)
		return 0;
	fp = clm_history_patient_fp(c->rows[0], h);
	fp = hash_col(fp, c->rows[0], h, CLM_COL_BILL_NPI);
	/* a sum of mixed line hashes does not depend on line order */
	for (size_t i = 0; i < c->n; i++)
		lines += mix64(line_fp(c->rows[i], h));
	return mix64(fp ^ mix64(lines + c->n));
}

static void
history_add(struct clm_history *hist, uint64_t fp, long date)
{
	if (hist->n == hist->cap) {
		hist->cap = hist->cap ? hist->cap * 2 : 256;
		hist->v = clm_xrealloc(hist->v, hist->cap * sizeof(*hist->v));
	}
	hist->v[hist->n].fp = fp;
	hist->v[hist->n].date = date;
	hist->n++;
}

static int
cmp_entry(const void *a, const void *b)
{
	const struct history_entry *x = a, *y = b;

	if (x->fp != y->fp)
		return x->fp < y->fp ? -1 : 1;
	return (x->date > y->date) - (x->date < y->date);
}

/* One line "<16 hex> <8 digits>"; returns 0 or -1 when malformed. */
static int
parse_line(const char *s, size_t len, uint64_t *fp, long *date)
{
	uint64_t v = 0;
	long d = 0;

	if (len != 25 || s[16] != ' ')
		return -1;
	for (size_t i = 0; i < 16; i++) {
		int c = (unsigned char)s[i];
		int x = c >= '0' && c <= '9' ? c - '0' :
		    c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;

		if (x < 0)
			return -1;
		v = v << 4 | (uint64_t)x;
	}
	for (size_t i = 17; i < 25; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		d = d * 10 + (s[i] - '0');
	}
	*fp = v;
	*date = d;
	return 0;
}

static void
history_sort(struct clm_history *hist)
{
	size_t out = 0;

	if (hist->n > 1)
		qsort(hist->v, hist->n, sizeof(*hist->v), cmp_entry);
	/* keep the earliest date of each fingerprint */
	for (size_t i = 0; i < hist->n; i++)
		if (out == 0 || hist->v[out - 1].fp != hist->v[i].fp)
			hist->v[out++] = hist->v[i];
	hist->n = out;
}

struct clm_history *
clm_history_load_text(const char *text, size_t len, const char *name,
    struct clm_error *err)
{
	struct clm_history *hist = clm_xcalloc(1, sizeof(*hist));
	size_t pos = 0;
	long lineno = 0;

	while (pos < len) {
		const char *nl = memchr(text + pos, '\n', len - pos);
		size_t end = nl ? (size_t)(nl - text) : len;
		uint64_t fp;
		long date;

		lineno++;
		if (end > pos && text[pos] != '#') {
			if (nl == NULL && parse_line(text + pos, end - pos,
			    &fp, &date) < 0) {
				clm_error_set(err, CLM_EFORMAT, name, lineno,
				    "history: the last line is torn (the file "
				    "ends inside a line: an append was cut "
				    "short); 'clm-scrub --history-repair %s' "
				    "removes it", name);
				clm_history_free(hist);
				return NULL;
			}
			if (parse_line(text + pos, end - pos, &fp, &date) < 0 ||
			    hist->n >= (size_t)CLM_HISTORY_MAX) {
				clm_error_set(err, hist->n >= (size_t)
				    CLM_HISTORY_MAX ? CLM_ELIMIT : CLM_EFORMAT,
				    name, lineno, "history: expected '<16 hex "
				    "digits> <CCYYMMDD>' (at most %ld lines)",
				    CLM_HISTORY_MAX);
				clm_history_free(hist);
				return NULL;
			}
			history_add(hist, fp, date);
		}
		pos = end + 1;
	}
	history_sort(hist);
	return hist;
}

static int
read_all(int fd, const char *path, char **buf, size_t *len,
    struct clm_error *err)
{
	size_t cap = 65536, n = 0;
	char *b = clm_xmalloc(cap);

	for (;;) {
		ssize_t r;

		if (n == cap) {
			if (cap >= HISTORY_FILE_MAX) {
				free(b);
				return clm_error_set(err, CLM_ELIMIT, path, 0,
				    "history file larger than %zu bytes",
				    HISTORY_FILE_MAX);
			}
			cap *= 2;
			b = clm_xrealloc(b, cap);
		}
		r = read(fd, b + n, cap - n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			free(b);
			return clm_error_set(err, CLM_EIO, path, 0,
			    "cannot read history: %s", strerror(errno));
		}
		if (r == 0)
			break;
		n += (size_t)r;
	}
	*buf = b;
	*len = n;
	return 0;
}

struct clm_history *
clm_history_load(const char *path, struct clm_error *err)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	struct clm_history *hist;
	char *buf = NULL;
	size_t len = 0;

	if (fd < 0 && errno == ENOENT)
		return clm_xcalloc(1, sizeof(struct clm_history));
	if (fd < 0) {
		clm_error_set(err, CLM_EIO, path, 0, "cannot open history: %s",
		    strerror(errno));
		return NULL;
	}
	flock(fd, LOCK_SH);	/* a concurrent append finishes first */
	if (read_all(fd, path, &buf, &len, err) < 0) {
		close(fd);
		return NULL;
	}
	close(fd);
	hist = clm_history_load_text(buf, len, path, err);
	free(buf);
	return hist;
}

void
clm_history_free(struct clm_history *hist)
{
	if (hist == NULL)
		return;
	free(hist->v);
	free(hist);
}

size_t
clm_history_count(const struct clm_history *hist)
{
	return hist ? hist->n : 0;
}

int
clm_history_contains(const struct clm_history *hist, uint64_t fp,
    long *first_sent)
{
	size_t lo = 0, hi = hist ? hist->n : 0;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (hist->v[mid].fp < fp)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (hist == NULL || lo >= hist->n || hist->v[lo].fp != fp)
		return 0;
	if (first_sent != NULL)
		*first_sent = hist->v[lo].date;
	return 1;
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

/* Whether the file (size bytes) ends inside a line: the last byte not LF. */
static int
ends_torn(int fd, off_t size)
{
	char c;

	return size > 0 && (pread(fd, &c, 1, size - 1) != 1 || c != '\n');
}

int
clm_history_append(const char *path, const uint64_t *fps, size_t n,
    long date, struct clm_error *err)
{
	int fd = open(path, O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
	char line[40];
	struct stat st;
	int rc = 0, e;

	if (fd < 0)
		return clm_error_set(err, CLM_EIO, path, 0,
		    "cannot open history: %s", strerror(errno));
	if (flock(fd, LOCK_EX) < 0 || fstat(fd, &st) < 0) {
		e = errno;
		close(fd);
		return clm_error_set(err, CLM_EIO, path, 0,
		    "cannot append to history: %s", strerror(e));
	}
	/* appending after a torn line would glue the two into garbage */
	if (S_ISREG(st.st_mode) && st.st_size > 0) {
		if (ends_torn(fd, st.st_size)) {
			close(fd);
			return clm_error_set(err, CLM_EFORMAT, path, 0,
			    "history: the last line is torn (an earlier "
			    "append was cut short): nothing appended; "
			    "'clm-scrub --history-repair %s' removes it",
			    path);
		}
	}
	for (size_t i = 0; rc == 0 && i < n; i++) {
		int len = snprintf(line, sizeof(line), "%016llx %08ld\n",
		    (unsigned long long)fps[i], date % 100000000L);

		rc = write_all(fd, line, (size_t)len);
	}
	if (rc == 0)
		rc = fsync(fd);
	if (rc < 0) {
		e = errno;
		/* undo: back to the lines that were there, none torn */
		if (S_ISREG(st.st_mode) && ftruncate(fd, st.st_size) == 0 &&
		    fsync(fd) == 0)
			rc = clm_error_set(err, CLM_EIO, path, 0,
			    "cannot append to history: %s (undone: the file "
			    "is back to its %lld bytes, no claim added)",
			    strerror(e), (long long)st.st_size);
		else
			rc = clm_error_set(err, CLM_EIO, path, 0,
			    "cannot append to history: %s, nor undo it: "
			    "'clm-scrub --history-repair %s' removes a torn "
			    "last line", strerror(e), path);
	}
	close(fd);
	return rc;
}

int
clm_history_repair(const char *path, long *line, int *action,
    struct clm_error *err)
{
	int fd = open(path, O_RDWR | O_CLOEXEC);
	struct clm_history *hist;
	char *buf = NULL;
	size_t len = 0, keep;
	long lines = 0;
	int rc = 0;

	*line = 0;
	*action = CLM_HISTORY_REPAIR_NONE;
	if (fd < 0)
		return clm_error_set(err, CLM_EIO, path, 0,
		    "cannot open history: %s", strerror(errno));
	if (flock(fd, LOCK_EX) < 0 || read_all(fd, path, &buf, &len, err) < 0) {
		if (buf == NULL && errno != 0)
			clm_error_set(err, CLM_EIO, path, 0,
			    "cannot lock history: %s", strerror(errno));
		close(fd);
		return -CLM_EIO;
	}
	for (size_t i = 0; i < len; i++)
		lines += buf[i] == '\n';
	keep = len;
	if (len > 0 && buf[len - 1] != '\n') {
		uint64_t fp;
		long date;
		const char *nl = NULL;

		for (size_t i = len; i > 0 && nl == NULL; i--)
			if (buf[i - 1] == '\n')
				nl = buf + i - 1;
		keep = nl ? (size_t)(nl - buf) + 1 : 0;
		*line = lines + 1;
		*action = parse_line(buf + keep, len - keep, &fp, &date) == 0 ?
		    CLM_HISTORY_REPAIR_COMPLETED : CLM_HISTORY_REPAIR_CUT;
		if (*action == CLM_HISTORY_REPAIR_COMPLETED)
			keep = len;
	}
	/* only a torn last line is repaired: damage elsewhere stays an error */
	hist = clm_history_load_text(buf, keep, path, err);
	if (hist == NULL)
		rc = -CLM_EFORMAT;
	clm_history_free(hist);
	if (rc == 0 && *action == CLM_HISTORY_REPAIR_CUT &&
	    (ftruncate(fd, (off_t)keep) != 0 || fsync(fd) != 0))
		rc = clm_error_set(err, CLM_EIO, path, 0,
		    "cannot repair history: %s", strerror(errno));
	if (rc == 0 && *action == CLM_HISTORY_REPAIR_COMPLETED &&
	    (pwrite(fd, "\n", 1, (off_t)len) != 1 || fsync(fd) != 0))
		rc = clm_error_set(err, CLM_EIO, path, 0,
		    "cannot repair history: %s", strerror(errno));
	if (rc < 0)
		*action = CLM_HISTORY_REPAIR_NONE;
	free(buf);
	close(fd);
	return rc;
}
