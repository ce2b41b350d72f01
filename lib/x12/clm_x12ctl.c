/*
 * Control-number state for clm_x12 (see clm_x12.h).  File format, one line
 * per sender/receiver pair: "KEY<TAB>LAST-NUMBER-USED"; other lines are
 * kept as they are.
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
	char *text;		/* the state file as read */
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

static int
read_state(struct clm_x12_ctl *c, struct clm_error *err)
{
	FILE *fp = fopen(c->path, "r");
	size_t n;

	c->text = clm_xmalloc(STATE_MAX_BYTES + 1);
	if (fp == NULL) {
		c->text[0] = '\0';
		return errno == ENOENT ? 0 : clm_error_set(err, CLM_EIO,
		    c->path, 0, "cannot read state file: %s",
		    strerror(errno));
	}
	n = fread(c->text, 1, STATE_MAX_BYTES + 1, fp);
	if (ferror(fp) || n > STATE_MAX_BYTES) {
		fclose(fp);
		return clm_error_set(err, n > STATE_MAX_BYTES ? CLM_ELIMIT :
		    CLM_EIO, c->path, 0, "cannot read state file (larger "
		    "than %d bytes?)", STATE_MAX_BYTES);
	}
	fclose(fp);
	c->text[n] = '\0';
	return 0;
}

/* The line for c->key, or NULL; *len gets its length without the LF. */
static char *
find_line(const struct clm_x12_ctl *c, size_t *len)
{
	size_t klen = strlen(c->key);

	for (char *p = c->text; *p != '\0';) {
		char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);

		if (n > klen && strncmp(p, c->key, klen) == 0 &&
		    p[klen] == '\t') {
			*len = n;
			return p;
		}
		p += n + (nl != NULL);
	}
	return NULL;
}

static int
parse_last(struct clm_x12_ctl *c, struct clm_error *err)
{
	size_t len;
	char *line = find_line(c, &len);
	char num[16];
	char *end;
	unsigned long last;
	size_t klen = strlen(c->key) + 1;

	if (line == NULL) {
		c->next = 1;
		return 0;
	}
	if (len - klen == 0 || len - klen >= sizeof(num))
		goto bad;
	memcpy(num, line + klen, len - klen);
	num[len - klen] = '\0';
	last = strtoul(num, &end, 10);
	if (*end != '\0' || num[0] < '0' || num[0] > '9' || last > CTL_MAX)
		goto bad;
	c->next = last >= CTL_MAX ? 1 : last + 1;
	return 0;
bad:
	return clm_error_set(err, CLM_EFORMAT, c->path, 0,
	    "state file: the number for this sender/receiver pair is not a "
	    "number of at most 9 digits (fix or remove that line)");
}

int
clm_x12_ctl_open(struct clm_x12_ctl **out, const char *path,
    const char *key, struct clm_error *err)
{
	struct clm_x12_ctl *c = clm_xcalloc(1, sizeof(*c));
	char lock[4200];
	int rc;

	*out = NULL;
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
	if ((rc = read_state(c, err)) < 0 || (rc = parse_last(c, err)) < 0)
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
	size_t len = 0;
	char *line = find_line(c, &len);
	char mine[256];
	int n = snprintf(mine, sizeof(mine), "%s\t%lu\n", c->key, c->next);
	size_t total = strlen(c->text);

	if (line == NULL) {
		int rc = clm_out_write(out, c->text, total, err);

		if (rc == 0 && total > 0 && c->text[total - 1] != '\n')
			rc = clm_out_write(out, "\n", 1, err);
		return rc ? rc : clm_out_write(out, mine, (size_t)n, err);
	}
	if (clm_out_write(out, c->text, (size_t)(line - c->text), err) < 0 ||
	    clm_out_write(out, mine, (size_t)n, err) < 0)
		return -CLM_EIO;
	line += len;
	if (*line == '\n')
		line++;
	return clm_out_write(out, line, strlen(line), err);
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
