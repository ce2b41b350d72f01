#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "clm_io.h"
#include "clm_record_in.h"
#include "clm_x12src.h"
#include "source.h"

#define PEEK_SIZE 8192

struct cc_src {
	struct clm_tool *t;
	struct clm_in *in;		/* until the record reader takes it */
	struct clm_record_reader *rr;
	pid_t parser, feeder;	/* children, 0 when none */
	int fd;			/* read end of clm-parse's output, -1 */
	int fed;		/* clm-parse read it as stdin from a feeder */
	char name[256];
};

/* Where the first bytes start, past a BOM and white space. */
static long
skip_lead(const char *p, long n)
{
	long i = 0;

	if (n >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0)
		i = 3;
	while (i < n && (p[i] == ' ' || p[i] == '\r' || p[i] == '\n'))
		i++;
	return i;
}

static int
looks_like_x12(const char *p, long n)
{
	long i = skip_lead(p, n);

	return n - i >= 3 && memcmp(p + i, "ISA", 3) == 0;
}

/* clm records start with a header naming claim_id. */
static int
looks_like_records(const char *p, long n)
{
	long i = skip_lead(p, n), start;

	if (looks_like_x12(p, n))
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

	clm_record_reader_close(s->rr);
	clm_in_close(s->in);
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
	int rc = clm_record_reader_next(s->rr, row, err);
	const struct clm_header *h = clm_record_reader_header(s->rr);

	/* clm-parse saw a pipe as stdin: its rows come from our input */
	if (rc > 0 && s->fed && h->canon[CLM_COL_SRC_FILE] >= 0)
		clm_row_set(row, h, CLM_COL_SRC_FILE, s->name);
	return rc;
}

/* clm-parse's records: the shared reader (the end-of-records line on a
 * pipe tells a complete stream from a cut one). */
static int
read_header(struct cc_src *s, struct clm_error *err)
{
	struct clm_in *in = s->in;

	s->in = NULL;
	s->rr = clm_record_reader_open_in(in, 0, err);
	return s->rr == NULL ? -CLM_EFORMAT : 0;
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
    const char *path, struct clm_source **out, struct clm_error *err)
{
	struct clm_in *in = clm_in_open(path, err);
	struct cc_src *s;
	const void *peek;
	long n;
	int rc = 0;

	if (in == NULL)
		return -CLM_EIO;
	n = clm_in_peek(in, &peek, PEEK_SIZE, err);
	if (n < 0) {
		clm_in_close(in);
		return (int)n;
	}
	if (n > 0 && looks_like_x12(peek, n)) {	/* read here, no clm-parse */
		*out = clm_x12src_open(in, t->file);
		return 0;
	}
	if (n == 0 || looks_like_records(peek, n))
		return clm_tool_open_records(t, in, !must_feed(path), out,
		    err);
	s = clm_xcalloc(1, sizeof(*s));
	s->t = t;
	s->fd = -1;
	s->in = in;
	snprintf(s->name, sizeof(s->name), "%s", clm_in_name(s->in));
	rc = start_parser(s, o, path, err);
	if (rc == 0)
		rc = read_header(s, err);
	if (rc < 0) {
		close_src(s);
		return rc;
	}
	*out = clm_source_rows(next_row, s, close_src,
	    (struct clm_header *)clm_record_reader_header(s->rr), t->file);
	return 0;
}
