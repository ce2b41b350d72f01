/*
 * Control-number state for clm_x12 (see clm_x12.h).  File format, one line
 * per sender/receiver pair: "KEY<TAB>LAST-NUMBER-USED"; '#' comment lines
 * are kept as they are.  Anything else (NUL, BOM, CR, garbage, a key twice)
 * makes the file unreadable, with its line: never a silent restart at 1.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "clm_io.h"
#include "clm_x12.h"

#define STATE_MAX_BYTES (1024 * 1024)
#define CTL_MAX 999999999UL

struct clm_x12_ctl {
	char *path;
	char *key;
	int lockfd;
	char *text;		/* the state file as read (checked: no NUL) */
	size_t line_off;	/* the key's line in text, if any ... */
	size_t line_len;	/* ... and its length without the LF */
	unsigned long next;
};

char *
clm_x12_ctl_default_path(void)
{
	const char *xdg = getenv("XDG_STATE_HOME");
	const char *home = getenv("HOME");
	char buf[4096];

	if (xdg != NULL && xdg[0] == '/')
		snprintf(buf, sizeof(buf), "%s/clm/control-numbers", xdg);
	else if (home != NULL && home[0] != '\0')
		snprintf(buf, sizeof(buf),
		    "%s/.local/state/clm/control-numbers", home);
	else
		return NULL;
	return clm_xstrdup(buf);
}

/* mkdir -p of the directory part of path (mode 0700). */
static int
make_parent(const char *path, struct clm_error *err)
{
	char *dir = clm_xstrdup(path);
	int rc = 0;

	for (char *p = dir + 1; *p != '\0' && rc == 0; p++) {
		if (*p != '/')
			continue;
		if (strchr(p + 1, '/') == NULL && p[1] == '\0')
			break;
		*p = '\0';
		if (mkdir(dir, 0700) != 0 && errno != EEXIST)
			rc = clm_error_set(err, CLM_EIO, dir, 0,
			    "cannot create state directory: %s",
			    strerror(errno));
		*p = '/';
	}
	free(dir);
	return rc;
}

/* Read the state file whole (a missing one is empty). */
static int
read_state(struct clm_x12_ctl *c, size_t *lenp, struct clm_error *err)
{
	int fd = open(c->path, O_RDONLY | O_CLOEXEC);
	struct stat st;
	size_t n = 0;

	c->text = clm_xmalloc(STATE_MAX_BYTES + 1);
	c->text[0] = '\0';
	*lenp = 0;
	if (fd < 0)
		return errno == ENOENT ? 0 : clm_error_set(err, CLM_EIO,
		    c->path, 0, "cannot read state file: %s",
		    strerror(errno));
	if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
		close(fd);
		return clm_error_set(err, CLM_EIO, c->path, 0,
		    "state file is a directory");
	}
	for (;;) {
		ssize_t r = read(fd, c->text + n, STATE_MAX_BYTES + 1 - n);

		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			int e = errno;

			close(fd);
			return clm_error_set(err, CLM_EIO, c->path, 0,
			    "cannot read state file: %s", strerror(e));
		}
		if (r == 0)
			break;
		n += (size_t)r;
		if (n > STATE_MAX_BYTES) {
			close(fd);
			return clm_error_set(err, CLM_ELIMIT, c->path, 0,
			    "state file larger than %d bytes",
			    STATE_MAX_BYTES);
		}
	}
	close(fd);
	c->text[n] = '\0';
	*lenp = n;
	return 0;
}

/* A key line as found by the scan (for the duplicate check). */
struct key_span {
	const char *s;
	size_t len;
	long line;
};

static int
cmp_span(const void *a, const void *b)
{
	const struct key_span *x = a, *y = b;
	size_t n = x->len < y->len ? x->len : y->len;
	int c = memcmp(x->s, y->s, n);

	if (c != 0)
		return c;
	if (x->len != y->len)
		return x->len < y->len ? -1 : 1;
	return (x->line > y->line) - (x->line < y->line);
}

/*
 * One line: 1 for "KEY<TAB>DIGITS" (KEY printable ASCII, 1-9 digits;
 * *klen and *last set), 0 for a '#' comment, -1 with *why set otherwise.
 */
static int
check_line(const char *s, size_t n, size_t *klen, unsigned long *last,
    const char **why)
{
	const char *tab = memchr(s, '\t', n);
	size_t k, d;
	unsigned long v = 0;

	for (size_t i = 0; i < n; i++)
		if (s[i] == '\0' || ((unsigned char)s[i] < 0x20 &&
		    s[i] != '\t') || (unsigned char)s[i] >= 0x7f) {
			*why = s[i] == '\0' ? "a NUL byte" : s[i] == '\r' ?
			    "a carriage return" : (unsigned char)s[i] >= 0x80 ?
			    "a byte that is not ASCII (a BOM?)" :
			    "a control character";
			return -1;
		}
	if (n > 0 && s[0] == '#')
		return 0;
	if (n == 0) {
		*why = "an empty line";
		return -1;
	}
	if (tab == NULL || tab == s) {
		*why = "not a key, a TAB and a number";
		return -1;
	}
	k = (size_t)(tab - s);
	d = n - k - 1;
	if (d == 0 || d > 9) {
		*why = "the number is not 1 to 9 digits";
		return -1;
	}
	for (size_t i = k + 1; i < n; i++) {
		if (s[i] < '0' || s[i] > '9') {
			*why = "the number is not 1 to 9 digits";
			return -1;
		}
		v = v * 10 + (unsigned long)(s[i] - '0');
	}
	*klen = k;
	*last = v;
	return 1;
}

int
clm_x12_ctl_parse(const char *text, size_t len, const char *name,
    const char *key, unsigned long *next, size_t *off, size_t *linelen,
    struct clm_error *err)
{
	struct key_span *spans = NULL;
	size_t nspans = 0, cap = 0, keylen = strlen(key), pos = 0;
	long lineno = 0, keyline = 0;
	unsigned long last = 0;
	int rc = 0;

	*next = 1;
	*off = len;
	*linelen = 0;
	while (rc == 0 && pos < len) {
		const char *nl = memchr(text + pos, '\n', len - pos);
		size_t end = nl ? (size_t)(nl - text) : len;
		size_t klen = 0;
		unsigned long v = 0;
		const char *why = NULL;
		int kind;

		lineno++;
		kind = check_line(text + pos, end - pos, &klen, &v, &why);
		if (kind < 0) {
			rc = clm_error_set(err, CLM_EFORMAT, name, lineno,
			    "state file: %s; lines are '<sender/receiver "
			    "key><TAB><last number used>' (fix or restore "
			    "the file: removing it restarts at 1)", why);
			break;
		}
		if (kind == 1) {
			if (nspans == cap) {
				cap = cap ? cap * 2 : 16;
				spans = clm_xrealloc(spans,
				    cap * sizeof(*spans));
			}
			spans[nspans].s = text + pos;
			spans[nspans].len = klen;
			spans[nspans].line = lineno;
			nspans++;
			if (klen == keylen &&
			    memcmp(text + pos, key, keylen) == 0) {
				keyline = lineno;
				last = v;
				*off = pos;
				*linelen = end - pos;
			}
		}
		pos = end + 1;
	}
	if (rc == 0 && nspans > 1) {
		qsort(spans, nspans, sizeof(*spans), cmp_span);
		for (size_t i = 1; i < nspans; i++)
			if (spans[i].len == spans[i - 1].len &&
			    memcmp(spans[i].s, spans[i - 1].s,
			    spans[i].len) == 0) {
				rc = clm_error_set(err, CLM_EFORMAT, name,
				    spans[i].line, "state file: the same "
				    "sender/receiver key as line %ld (keep "
				    "the line with the higher number)",
				    spans[i - 1].line);
				break;
			}
	}
	free(spans);
	if (rc < 0)
		return rc;
	if (keyline > 0 && last > CTL_MAX)
		return clm_error_set(err, CLM_EFORMAT, name, keyline,
		    "state file: the number is more than 999999999");
	if (keyline > 0)
		*next = last >= CTL_MAX ? 1 : last + 1;
	return 0;
}

/* A key whose line the reader takes back: printable ASCII, no '#' first. */
static int
key_ok(const char *key)
{
	size_t n = strlen(key);

	if (n == 0 || n > 200 || key[0] == '#')
		return 0;
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)key[i] < 0x20 ||
		    (unsigned char)key[i] >= 0x7f)
			return 0;
	return 1;
}

int
clm_x12_ctl_open(struct clm_x12_ctl **out, const char *path,
    const char *key, struct clm_error *err)
{
	struct clm_x12_ctl *c = clm_xcalloc(1, sizeof(*c));
	char lock[4200];
	size_t len;
	int rc;

	*out = NULL;
	if (!key_ok(key))
		return clm_error_set(err, CLM_EUSAGE, path, 0,
		    "sender/receiver key not 1 to 200 printable ASCII "
		    "characters (or starting with '#')");
	c->path = clm_xstrdup(path);
	c->key = clm_xstrdup(key);
	c->lockfd = -1;
	snprintf(lock, sizeof(lock), "%s.lock", path);
	if ((rc = make_parent(path, err)) < 0)
		goto fail;
	c->lockfd = open(lock, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	if (c->lockfd < 0 || flock(c->lockfd, LOCK_EX) != 0) {
		rc = clm_error_set(err, CLM_EIO, lock, 0,
		    "cannot lock the control-number state: %s",
		    strerror(errno));
		goto fail;
	}
	if ((rc = read_state(c, &len, err)) < 0 ||
	    (rc = clm_x12_ctl_parse(c->text, len, c->path, c->key, &c->next,
	    &c->line_off, &c->line_len, err)) < 0)
		goto fail;
	*out = c;
	return 0;
fail:
	clm_x12_ctl_close(c);
	return rc;
}

unsigned long
clm_x12_ctl_next(const struct clm_x12_ctl *c)
{
	return c->next;
}

/* The state text with the key's line replaced (or appended). */
static int
write_state(const struct clm_x12_ctl *c, struct clm_out *out,
    struct clm_error *err)
{
	char mine[256];
	int n = snprintf(mine, sizeof(mine), "%s\t%lu\n", c->key, c->next);
	size_t total = strlen(c->text);
	const char *rest;

	if (c->line_off >= total) {
		int rc = clm_out_write(out, c->text, total, err);

		if (rc == 0 && total > 0 && c->text[total - 1] != '\n')
			rc = clm_out_write(out, "\n", 1, err);
		return rc ? rc : clm_out_write(out, mine, (size_t)n, err);
	}
	if (clm_out_write(out, c->text, c->line_off, err) < 0 ||
	    clm_out_write(out, mine, (size_t)n, err) < 0)
		return -CLM_EIO;
	rest = c->text + c->line_off + c->line_len;
	if (*rest == '\n')
		rest++;
	return clm_out_write(out, rest, strlen(rest), err);
}

/* Through clm_out: atomic, and a symlinked or device state is not replaced. */
int
clm_x12_ctl_commit(struct clm_x12_ctl *c, struct clm_error *err)
{
	struct clm_out *out;
	int rc;

	if (strlen(c->key) > 200)
		return clm_error_set(err, CLM_EUSAGE, c->path, 0,
		    "sender/receiver key too long");
	if ((out = clm_out_open(c->path, err)) == NULL)
		return -CLM_EIO;
	rc = write_state(c, out, err);
	if (rc == 0)
		rc = clm_out_commit(out, err);
	clm_out_close(out);
	return rc < 0 ? rc : 0;
}

void
clm_x12_ctl_close(struct clm_x12_ctl *c)
{
	if (c == NULL)
		return;
	if (c->lockfd >= 0)
		close(c->lockfd);	/* releases the flock */
	free(c->path);
	free(c->key);
	free(c->text);
	free(c);
}
