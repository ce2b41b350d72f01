#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "clm_csv.h"
#include "clm_io.h"
#include "source.h"

#define PEEK_SIZE 8192

struct cc_src {
	struct clm_tool *t;
	struct clm_in *in;
	struct clm_csv *csv;
	struct clm_header *h;
	pid_t parser, feeder;	/* children, 0 when none */
	int fd;			/* read end of clm-parse's output, -1 */
	int fed;		/* clm-parse read it as stdin from a feeder */
	char name[256];
};

/* clm records start with a header naming claim_id; X12 starts with ISA. */
static int
looks_like_records(const char *p, long n)
{
	long i = 0, start;

	if (n >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0)
		i = 3;
	while (i < n && (p[i] == ' ' || p[i] == '\r' || p[i] == '\n'))
		i++;
	if (n - i >= 3 && memcmp(p + i, "ISA", 3) == 0)
		return 0;
	for (start = i; i <= n; i++) {
		if (i < n && p[i] != ',' && p[i] != '\n' && p[i] != '\r')
			continue;
		if (i - start == 8 && memcmp(p + start, "claim_id", 8) == 0)
			return 1;
		if (i == n || p[i] != ',')
			return 0;
		start = i + 1;
	}
	return 0;
}

static void
close_src(void *p)
{
	struct cc_src *s = p;
	int st;

	clm_csv_close(s->csv);
	clm_in_close(s->in);
	clm_header_free(s->h);
	if (s->fd >= 0)
		close(s->fd);
	if (s->feeder > 0)
		waitpid(s->feeder, &st, 0);
	if (s->parser > 0 && waitpid(s->parser, &st, 0) == s->parser &&
	    (!WIFEXITED(st) || WEXITSTATUS(st) > CLM_EXIT_FINDINGS)) {
		clm_tool_warn(s->t, "clm-parse failed on %s", s->name);
		s->t->failed = 1;
	}
	free(s);
}

static int
next_row(void *p, struct clm_row *row, struct clm_error *err)
{
	struct cc_src *s = p;
	int rc = clm_csv_next(s->csv, row, err);

	/* clm-parse saw a pipe as stdin: its rows come from our input */
	if (rc > 0 && s->fed && s->h->canon[CLM_COL_SRC_FILE] >= 0)
		clm_row_set(row, s->h, CLM_COL_SRC_FILE, s->name);
	return rc;
}

static int
read_header(struct cc_src *s, struct clm_error *err)
{
	struct clm_row *row = clm_row_new();
	int rc;

	s->csv = clm_csv_open(s->in, ',');
	s->h = clm_header_new();
	rc = clm_csv_next(s->csv, row, err);
	if (rc == 0)
		rc = clm_error_set(err, CLM_EFORMAT, s->name, 1,
		    "empty input: no header row");
	for (size_t i = 0; rc > 0 && i < row->n; i++)
		clm_header_add(s->h, clm_row_value(row, i));
	clm_row_free(row);
	if (rc > 0 && s->h->canon[CLM_COL_CLAIM_ID] < 0)
		rc = clm_error_set(err, CLM_EFORMAT, s->name, 1,
		    "no claim_id column in clm-parse's output");
	if (rc > 0)
		rc = clm_header_check(s->h, s->name, err);
	return rc < 0 ? rc : 0;
}

/* clm-parse beside our own executable, else the one on PATH. */
static void
find_parser(char *out, size_t size)
{
	char self[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", self, sizeof(self) - 1);
	char *slash;

	snprintf(out, size, "clm-parse");
	if (n <= 0)
		return;
	self[n] = '\0';
	slash = strrchr(self, '/');
	if (slash == NULL)
		return;
	slash[1] = '\0';
	if (strlen(self) + 10 < size) {
		char cand[PATH_MAX + 16];

		snprintf(cand, sizeof(cand), "%sclm-parse", self);
		if (access(cand, X_OK) == 0)
			snprintf(out, size, "%s", cand);
	}
}

static void
exec_parser(const struct cc_source_opts *o, int quiet, const char *path,
    int in_fd, int out_fd)
{
	char prog[PATH_MAX + 16];
	const char *argv[8];
	int n = 0;

	find_parser(prog, sizeof(prog));
	if (in_fd >= 0 && dup2(in_fd, 0) < 0)
		_exit(CLM_EXIT_FAILURE);
	if (dup2(out_fd, 1) < 0)
		_exit(CLM_EXIT_FAILURE);
	/* its summary counts the findings it prints, unless we are quiet */
	argv[n++] = "clm-parse";
	if (quiet)
		argv[n++] = "-q";
	if (o->map != NULL) {
		argv[n++] = "--map";
		argv[n++] = o->map;
	}
	argv[n++] = path;
	argv[n] = NULL;
	execvp(prog, (char *const *)argv);
	fprintf(stderr, "clm-code-check: cannot run clm-parse: %s\n",
	    strerror(errno));
	fflush(stderr);		/* the runtime buffers stderr; _exit does not */
	_exit(CLM_EXIT_FAILURE);
}

/* Copy what stdin still holds (peeked bytes included) into fd. */
static void
feed(struct clm_in *in, int fd)
{
	char buf[65536];
	long n;
	struct clm_error err;

	while ((n = clm_in_read(in, buf, sizeof(buf), &err)) > 0)
		for (long off = 0; off < n;) {
			ssize_t w = write(fd, buf + off, (size_t)(n - off));

			if (w < 0)
				_exit(CLM_EXIT_FAILURE);
			off += w;
		}
	_exit(n < 0 ? CLM_EXIT_FAILURE : CLM_EXIT_OK);
}

/*
 * Stdin, pipes and process substitutions (<(...)) cannot be opened again
 * after the peek: their bytes go to clm-parse through a feeder process.
 */
static int
must_feed(const char *path)
{
	struct stat st;

	return path == NULL || strcmp(path, "-") == 0 ||
	    stat(path, &st) < 0 || !S_ISREG(st.st_mode);
}

static int
start_parser(struct cc_src *s, const struct cc_source_opts *o,
    const char *path, struct clm_error *err)
{
	int out[2], in[2] = { -1, -1 };
	int from_stdin = must_feed(path);
	char fdpath[32];

	if (pipe(out) < 0 || (from_stdin && pipe(in) < 0))
		return clm_error_set(err, CLM_EIO, s->name, 0, "pipe: %s",
		    strerror(errno));
	fflush(NULL);
	s->fed = from_stdin;
	if (from_stdin && (s->feeder = fork()) == 0) {
		close(out[0]);
		close(out[1]);
		close(in[0]);
		feed(s->in, in[1]);
	}
	if ((s->parser = fork()) == 0) {
		close(out[0]);
		if (in[1] >= 0)
			close(in[1]);
		exec_parser(o, s->t->quiet, from_stdin ? "-" : path, in[0],
		    out[1]);
	}
	close(out[1]);
	if (in[0] >= 0) {
		close(in[0]);
		close(in[1]);
	}
	clm_in_close(s->in);
	s->in = NULL;
	s->fd = out[0];
	if (s->parser < 0 || s->feeder < 0)
		return clm_error_set(err, CLM_EIO, s->name, 0, "fork: %s",
		    strerror(errno));
	snprintf(fdpath, sizeof(fdpath), "/dev/fd/%d", s->fd);
	s->in = clm_in_open(fdpath, err);
	return s->in == NULL ? -CLM_EIO : 0;
}

int
cc_open_source(struct clm_tool *t, const struct cc_source_opts *o,
    const char *path, struct clm_tool_source *ts, struct clm_error *err)
{
	struct cc_src *s = clm_xcalloc(1, sizeof(*s));
	const void *peek;
	long n;
	int rc = 0;

	s->t = t;
	s->fd = -1;
	s->in = clm_in_open(path, err);
	if (s->in == NULL) {
		free(s);
		return -CLM_EIO;
	}
	snprintf(s->name, sizeof(s->name), "%s", clm_in_name(s->in));
	n = clm_in_peek(s->in, &peek, PEEK_SIZE, err);
	if (n < 0)
		rc = (int)n;
	else if (n > 0 && !looks_like_records(peek, n))
		rc = start_parser(s, o, path, err);
	if (rc == 0)
		rc = read_header(s, err);
	if (rc < 0) {
		close_src(s);
		return rc;
	}
	if (s->parser == 0 && !must_feed(path))	/* records in a file */
		clm_csv_readahead(s->csv);
	ts->next = next_row;
	ts->src = s;
	ts->h = s->h;
	ts->name = s->name;
	ts->close = close_src;
	return 0;
}
