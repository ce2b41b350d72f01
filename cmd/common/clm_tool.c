#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "clm_csv.h"
#include "clm_io.h"
#include "clm_tool.h"

enum { OPT_REPORT = 1000, OPT_VERSION, OPT_HELP };

static const struct option common_longopts[] = {
	{ "help", no_argument, NULL, 'h' },
	{ "output", required_argument, NULL, 'o' },
	{ "quiet", no_argument, NULL, 'q' },
	{ "report", required_argument, NULL, OPT_REPORT },
	{ "verbose", no_argument, NULL, 'v' },
	{ "version", no_argument, NULL, OPT_VERSION },
};
#define NCOMMON (sizeof(common_longopts) / sizeof(common_longopts[0]))

void
clm_tool_warn(const struct clm_tool *t, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: ", t->spec->name);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

void
clm_tool_error(struct clm_tool *t, const struct clm_error *err)
{
	char buf[1024];

	clm_error_format(err, buf, sizeof(buf));
	clm_tool_warn(t, "%s", buf);
	t->failed = 1;
}

static void
usage(const struct clm_tool_spec *spec, FILE *fp)
{
	fprintf(fp, "usage: %s [-hqv] [-o FILE] [--report FILE] [options] "
	    "[FILE ...]\n%s\n\n", spec->name, spec->purpose);
	fputs("  -o, --output FILE  write to FILE atomically (.gz: gzip) "
	    "instead of stdout\n"
	    "      --report FILE  write every finding to FILE as CSV\n"
	    "  -q, --quiet        no summary on stderr\n"
	    "  -v, --verbose      print info findings too\n"
	    "  -h, --help         this help\n"
	    "      --version      version and record format\n", fp);
	if (spec->usage != NULL)
		fputs(spec->usage, fp);
	fputs("\nFILE may be '-' for stdin; .gz input is read transparently.\n"
	    "Exit status: 0 no error findings, 1 claims carry error findings"
	    " (held back),\n2 usage, input or output failure.\n", fp);
}

static struct option *
merge_longopts(const struct clm_tool_spec *spec)
{
	size_t n = 0;
	struct option *all;

	while (spec->longopts != NULL && spec->longopts[n].name != NULL)
		n++;
	all = clm_xcalloc(NCOMMON + n + 1, sizeof(*all));
	memcpy(all, common_longopts, sizeof(common_longopts));
	if (n > 0)
		memcpy(all + NCOMMON, spec->longopts, n * sizeof(*all));
	return all;
}

static int
common_option(struct clm_tool *t, int c, const char *arg)
{
	switch (c) {
	case 'h':
		usage(t->spec, stdout);
		exit(CLM_EXIT_OK);
	case 'o':
		t->output_path = arg;
		return 0;
	case 'q':
		t->quiet = 1;
		return 0;
	case 'v':
		t->verbose = 1;
		return 0;
	case OPT_REPORT:
		t->report_path = arg;
		return 0;
	case OPT_VERSION:
		printf("%s (clm) %s, record format %s\n", t->spec->name,
		    CLM_VERSION, CLM_RECORD_FORMAT_VERSION);
		exit(CLM_EXIT_OK);
	default:
		return 1;	/* not a common option */
	}
}

static int
parse_options(struct clm_tool *t, int argc, char **argv)
{
	char shortopts[128];
	struct option *longopts = merge_longopts(t->spec);
	int c, rc = 0;

	snprintf(shortopts, sizeof(shortopts), "+ho:qv%s",
	    t->spec->shortopts ? t->spec->shortopts : "");
	opterr = 0;
	while (rc == 0 &&
	    (c = getopt_long(argc, argv, shortopts, longopts, NULL)) != -1) {
		if (c == '?' || c == ':') {
			clm_tool_warn(t, "bad option %s (see --help)",
			    argv[optind - 1]);
			rc = -1;
		} else if (common_option(t, c, optarg) > 0) {
			if (t->spec->option == NULL ||
			    t->spec->option(t, c, optarg) < 0)
				rc = -1;
		}
	}
	free(longopts);
	t->inputs = argv + optind;
	t->ninputs = argc - optind;
	return rc;
}

/* The default source: records (CSV with the canonical header). */
struct record_source {
	struct clm_in *in;
	struct clm_csv *csv;
	struct clm_header *h;
};

static void
close_record_source(void *p)
{
	struct record_source *rs = p;

	clm_csv_close(rs->csv);
	clm_in_close(rs->in);
	clm_header_free(rs->h);
	free(rs);
}

static int
read_header(struct record_source *rs, const char *name,
    struct clm_error *err)
{
	struct clm_row *row = clm_row_new();
	int rc = clm_csv_next(rs->csv, row, err);

	if (rc == 0)
		rc = clm_error_set(err, CLM_EFORMAT, name, 1,
		    "empty input: no header row");
	for (size_t i = 0; rc > 0 && i < row->n; i++)
		clm_header_add(rs->h, clm_row_value(row, i));
	clm_row_free(row);
	if (rc > 0 && rs->h->canon[CLM_COL_CLAIM_ID] < 0)
		rc = clm_error_set(err, CLM_EFORMAT, name, 1,
		    "no claim_id column: not clm records (use clm-parse)");
	if (rc > 0)
		rc = clm_header_check(rs->h, name, err);
	return rc < 0 ? rc : 0;
}

static int
record_next(void *p, struct clm_row *row, struct clm_error *err)
{
	return clm_csv_next(((struct record_source *)p)->csv, row, err);
}

/* Files are parsed ahead in a thread; a pipe might block it for good. */
static int
is_regular_file(const char *path)
{
	struct stat st;

	return path != NULL && strcmp(path, "-") != 0 &&
	    stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

static int
open_record_source(struct clm_tool *t, const char *path,
    struct clm_tool_source *s, struct clm_error *err)
{
	struct record_source *rs = clm_xcalloc(1, sizeof(*rs));

	(void)t;
	rs->in = clm_in_open(path, err);
	if (rs->in == NULL) {
		free(rs);
		return -CLM_EIO;
	}
	rs->csv = clm_csv_open(rs->in, ',');
	rs->h = clm_header_new();
	if (read_header(rs, clm_in_name(rs->in), err) < 0) {
		close_record_source(rs);
		return -CLM_EFORMAT;
	}
	if (is_regular_file(path))
		clm_csv_readahead(rs->csv);
	s->next = record_next;
	s->src = rs;
	s->h = rs->h;
	s->close = close_record_source;
	s->name = clm_in_name(rs->in);
	return 0;
}

/* a is b, or b with the columns a tool's start hook appended. */
static int
same_header(const struct clm_header *a, const struct clm_header *b)
{
	if (a->ncols > b->ncols)
		return 0;
	for (size_t i = 0; i < a->ncols; i++)
		if (strcmp(a->names[i], b->names[i]) != 0)
			return 0;
	return 1;
}

static int
open_outputs(struct clm_tool *t, struct clm_error *err)
{
	if (!t->spec->no_record_output) {
		t->out = clm_out_open(t->output_path, err);
		if (t->out == NULL)
			return -CLM_EIO;
	}
	if (t->report_path != NULL) {
		t->report = clm_out_open(t->report_path, err);
		if (t->report == NULL ||
		    clm_report_write_header(t->report, err) < 0)
			return -CLM_EIO;
	}
	return 0;
}

static int
adopt_header(struct clm_tool *t, const struct clm_tool_source *s,
    const char *name, struct clm_error *err)
{
	if (t->h != NULL) {
		struct clm_header *probe = clm_header_new();
		int same;

		for (size_t i = 0; i < s->h->ncols; i++)
			clm_header_add(probe, s->h->names[i]);
		clm_header_ensure(probe, CLM_COL_STATUS);
		clm_header_ensure(probe, CLM_COL_EDITS);
		same = same_header(probe, t->h);
		clm_header_free(probe);
		if (!same)
			return clm_error_set(err, CLM_EFORMAT, name, 1,
			    "header differs from the first input's");
		return 0;
	}
	t->h = clm_header_new();
	for (size_t i = 0; i < s->h->ncols; i++)
		clm_header_add(t->h, s->h->names[i]);
	clm_header_ensure(t->h, CLM_COL_STATUS);
	clm_header_ensure(t->h, CLM_COL_EDITS);
	if (t->spec->start != NULL && t->spec->start(t, t->h) < 0)
		return -CLM_EUSAGE;
	if (t->out != NULL)
		return clm_record_write_header(t->out, t->h, err);
	return 0;
}

static void
check_ragged(struct clm_tool *t, const struct clm_claim *c,
    struct clm_findings *f)
{
	for (size_t i = 0; i < c->n; i++) {
		const struct clm_row *r = c->rows[i];

		if (r->n != t->input_cols)
			clm_finding_add(f, CLM_EDIT_ROW_RAGGED, strtol(
			    clm_row_get(r, t->h, CLM_COL_LINE_NO), NULL, 10),
			    "", "input line %ld has %zu values where the header"
			    " has %zu columns", r->line, r->n, t->input_cols);
	}
}

static long
physical_line(const struct clm_tool *t, const struct clm_claim *c,
    long line_no)
{
	const struct clm_row *row = line_no > 0 ?
	    clm_claim_find_line(c, t->h, line_no) : NULL;

	if (row == NULL)
		row = c->n > 0 ? c->rows[0] : NULL;
	return row ? row->line : 0;
}

static void
print_findings(const struct clm_tool *t, const struct clm_claim *c,
    const struct clm_findings *f)
{
	const char *id = clm_claim_id(c, t->h);
	char buf[2048];

	for (size_t i = 0; i < f->n; i++) {
		if (f->v[i].severity == CLM_SEV_INFO && !t->verbose)
			continue;
		clm_finding_format(buf, sizeof(buf), c->file ? c->file : "-",
		    physical_line(t, c, f->v[i].line), id, &f->v[i]);
		fprintf(stderr, "%s\n", buf);
	}
}

enum clm_status
clm_tool_account(struct clm_tool *t, struct clm_claim *c,
    struct clm_findings *f)
{
	struct clm_error err;
	enum clm_status st = clm_claim_apply(c, t->h, f, t->strict);

	t->claims++;
	t->clean += st == CLM_STATUS_CLEAN;
	t->warned += st == CLM_STATUS_WARN;
	t->rejected += st == CLM_STATUS_REJECT;
	for (size_t i = 0; i < f->n; i++)
		t->nfind[f->v[i].severity]++;
	print_findings(t, c, f);
	if (t->report != NULL && clm_report_write(t->report,
	    clm_claim_id(c, t->h), f, &err) < 0)
		clm_tool_error(t, &err);
	return st;
}

int
clm_tool_emit_claim(struct clm_tool *t, struct clm_claim *c,
    struct clm_findings *f)
{
	struct clm_error err;

	clm_tool_account(t, c, f);
	for (size_t i = 0; t->out != NULL && i < c->n; i++) {
		if (clm_record_write_row(t->out, t->h, c->rows[i], &err) < 0) {
			clm_tool_error(t, &err);
			return -CLM_EIO;
		}
	}
	return 0;
}

/*
 * A ragged row's extra values sit where the output header put the columns
 * this run added (status, edits...): move them past the header so that
 * nothing is overwritten and nothing is dropped.
 */
static void
relocate_extras(const struct clm_tool *t, struct clm_row *row)
{
	size_t nextra, width = t->h->ncols;
	char **extra;

	if (row->n <= t->input_cols || width <= t->input_cols)
		return;
	nextra = row->n - t->input_cols;
	extra = clm_xcalloc(nextra, sizeof(*extra));
	for (size_t k = 0; k < nextra; k++)
		extra[k] = clm_xstrdup(clm_row_value(row, t->input_cols + k));
	for (size_t i = t->input_cols; i < row->n; i++)
		clm_row_set_value(row, i, "", 0);
	for (size_t k = 0; k < nextra; k++) {
		clm_row_set_value(row, width + k, extra[k], strlen(extra[k]));
		free(extra[k]);
	}
	free(extra);
}

static int
process_claim(struct clm_tool *t, struct clm_claim *c,
    struct clm_findings *f)
{
	int rc;

	clm_findings_clear(f);
	if (!t->spec->foreign_input) {
		check_ragged(t, c, f);
		for (size_t i = 0; i < c->n; i++)
			relocate_extras(t, c->rows[i]);
	}
	if (t->spec->check_conflicts)
		clm_claim_check_conflicts(c, t->h, f);
	rc = t->spec->claim(t, c, f);
	if (rc < 0)
		return rc;
	if (rc == CLM_TOOL_TAKEN)
		return 0;
	return clm_tool_emit_claim(t, c, f);
}

static int
run_source(struct clm_tool *t, struct clm_tool_source *s, const char *name,
    struct clm_error *err)
{
	struct clm_grouper g;
	struct clm_claim c;
	struct clm_findings f;
	int rc;

	t->file = name;
	t->input_cols = s->h->ncols;
	clm_grouper_init(&g, s->next, s->src, t->h, name);
	clm_claim_init(&c);
	clm_findings_init(&f);
	while ((rc = clm_grouper_next(&g, &c, err)) > 0)
		if ((rc = process_claim(t, &c, &f)) < 0)
			break;
	clm_findings_free(&f);
	clm_claim_free(&c);
	clm_grouper_release(&g);
	return rc;
}

static int
run_input(struct clm_tool *t, const char *path, struct clm_error *err)
{
	struct clm_tool_source s;
	const char *name = (path == NULL || strcmp(path, "-") == 0) ?
	    "<stdin>" : path;
	int rc;

	memset(&s, 0, sizeof(s));
	if (t->spec->open_source != NULL)
		rc = t->spec->open_source(t, path, &s, err);
	else
		rc = open_record_source(t, path, &s, err);
	if (rc < 0)
		return rc;
	rc = adopt_header(t, &s, name, err);
	if (rc >= 0)
		rc = run_source(t, &s, name, err);
	s.close(s.src);
	return rc;
}

static void
print_summary(const struct clm_tool *t)
{
	if (t->quiet)
		return;
	fprintf(stderr, "%s: %lu claims: %lu clean, %lu warned, %lu held "
	    "back; findings: %lu error, %lu warning, %lu info\n",
	    t->spec->name, t->claims, t->clean, t->warned, t->rejected,
	    t->nfind[CLM_SEV_ERROR], t->nfind[CLM_SEV_WARNING],
	    t->nfind[CLM_SEV_INFO]);
}

static int
run_all(struct clm_tool *t)
{
	struct clm_error err;
	int n = t->ninputs > 0 ? t->ninputs : 1;

	clm_error_clear(&err);
	if (open_outputs(t, &err) < 0) {
		clm_tool_error(t, &err);
		return -1;
	}
	for (int i = 0; i < n; i++) {
		const char *path = t->ninputs > 0 ? t->inputs[i] : NULL;

		if (run_input(t, path, &err) < 0) {
			if (err.code != 0)
				clm_tool_error(t, &err);
			return -1;
		}
	}
	if (t->spec->finish != NULL && t->spec->finish(t) < 0)
		return -1;
	if (t->h == NULL && t->out != NULL) {
		/* no input at all cannot happen: stdin is the default */
		return -1;
	}
	return 0;
}

void
clm_tool_add_output(struct clm_tool *t, struct clm_out *out)
{
	if (out != NULL && t->nextra < (int)(sizeof(t->extra) /
	    sizeof(t->extra[0])))
		t->extra[t->nextra++] = out;
}

/* The commit order: the main output first, then what describes it. */
static size_t
run_outputs(const struct clm_tool *t, struct clm_out **v)
{
	size_t n = 0;

	v[n++] = t->out;
	v[n++] = t->report;
	for (int i = 0; i < t->nextra; i++)
		v[n++] = t->extra[i];
	return n;
}

int
clm_tool_prepare_outputs(struct clm_tool *t)
{
	struct clm_out *v[8];
	size_t n = run_outputs(t, v);
	struct clm_error err;

	clm_error_clear(&err);
	for (size_t i = 0; i < n; i++)
		if (v[i] != NULL && clm_out_prepare(v[i], &err) < 0) {
			if (err.code != 0)
				clm_tool_error(t, &err);
			return -1;
		}
	return 0;
}

static int
commit_outputs(struct clm_tool *t)
{
	struct clm_out *v[8];
	size_t n = run_outputs(t, v);
	struct clm_error err;

	clm_error_clear(&err);
	if (clm_out_commit_all(v, n, &err) < 0) {
		if (err.code != 0)
			clm_tool_error(t, &err);
		return -1;
	}
	return 0;
}

/*
 * SIGTERM, SIGINT, SIGHUP: remove this run's temporaries (they may hold
 * claim data), say so and exit 2.  Only async-signal-safe calls.
 */
static const char *signal_tool = "clm";

static void
on_signal(int sig)
{
	static const char msg[] = ": interrupted by a signal; the run's temporary "
	    "files removed\n";

	(void)sig;
	clm_io_remove_temps();
	if (write(STDERR_FILENO, signal_tool, strlen(signal_tool)) >= 0 &&
	    write(STDERR_FILENO, msg, sizeof(msg) - 1) >= 0)
		_exit(CLM_EXIT_FAILURE);
	_exit(CLM_EXIT_FAILURE);
}

static void
on_stale(const char *target, unsigned n)
{
	fprintf(stderr, "%s: removed %u stale temporar%s of %s left by an "
	    "interrupted run\n", signal_tool, n, n == 1 ? "y" : "ies",
	    target);
}

void
clm_tool_signals(const char *name)
{
	static const int sigs[] = { SIGTERM, SIGINT, SIGHUP };
	struct sigaction sa;

	signal_tool = name;
	clm_io_on_stale(on_stale);
	/* past RLIMIT_FSIZE a write fails (EFBIG) and the run fails cleanly */
	signal(SIGXFSZ, SIG_IGN);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigfillset(&sa.sa_mask);
	/* a signal ignored from the start (nohup, a background job) stays so */
	for (size_t i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++) {
		struct sigaction old;

		if (sigaction(sigs[i], NULL, &old) == 0 &&
		    old.sa_handler != SIG_IGN)
			sigaction(sigs[i], &sa, NULL);
	}
}

int
clm_tool_main(const struct clm_tool_spec *spec, void *ctx, int argc,
    char **argv)
{
	struct clm_tool t;
	int status;

	memset(&t, 0, sizeof(t));
	t.spec = spec;
	t.ctx = ctx;
	/* Unbuffered stderr costs a system call per diagnostic; exit flushes. */
	setvbuf(stderr, NULL, _IOFBF, 64 * 1024);
	signal(SIGPIPE, SIG_IGN);
	clm_tool_signals(spec->name);
	if (parse_options(&t, argc, argv) < 0)
		return CLM_EXIT_FAILURE;
	if (run_all(&t) < 0 || t.failed || commit_outputs(&t) < 0) {
		status = CLM_EXIT_FAILURE;
	} else {
		status = t.rejected > 0 ? CLM_EXIT_FINDINGS : CLM_EXIT_OK;
	}
	print_summary(&t);
	clm_out_close(t.out);
	clm_out_close(t.report);
	clm_header_free(t.h);
	return status;
}
