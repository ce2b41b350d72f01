#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "clm_csv.h"
#include "clm_io.h"
#include "clm_record_in.h"
#include "clm_tool.h"

enum { OPT_REPORT = 1000, OPT_VERSION, OPT_HELP, OPT_MAX_DIAG };

static const struct option common_longopts[] = {
	{ "help", no_argument, NULL, 'h' },
	{ "max-diagnostics", required_argument, NULL, OPT_MAX_DIAG },
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

int
clm_tool_exit(const char *name, int status)
{
	if (fflush(stdout) != 0 || ferror(stdout)) {
		fprintf(stderr, "%s: standard output: %s\n", name,
		    strerror(errno != 0 ? errno : EIO));
		fflush(stderr);
		return CLM_EXIT_FAILURE;
	}
	return status;
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
	    "      --max-diagnostics N  print at most N findings per edit id;"
	    " the summary\n"
	    "                     still counts all, the report holds all\n"
	    "  -v, --verbose      print info findings too\n"
	    "  -h, --help         this help\n"
	    "      --version      version and record format\n", fp);
	if (spec->usage != NULL)
		fputs(spec->usage, fp);
	fputs("\nFILE may be '-' for stdin; .gz input is read transparently.\n"
	    "Options and files come in any order; '--' ends the options.\n"
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
	case OPT_MAX_DIAG: {
		char *end;

		long n = strtol(arg, &end, 10);

		if (*arg == '\0' || *end != '\0' || n < 1) {
			clm_tool_warn(t, "--max-diagnostics %s: not a count "
			    "of 1 or more", arg);
			return -1;
		}
		if (t->own_cap == NULL)
			t->own_cap = clm_xcalloc(1, sizeof(*t->own_cap));
		t->own_cap->limit = (unsigned long)n;
		t->cap = t->own_cap;
		return 0;
	}
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

	/* GNU order: options and file names mix ("export.csv -o out.csv");
	 * "--" ends the options */
	snprintf(shortopts, sizeof(shortopts), "ho:qv%s",
	    t->spec->shortopts ? t->spec->shortopts : "");
	opterr = 0;
	while (rc == 0 &&
	    (c = getopt_long(argc, argv, shortopts, longopts, NULL)) != -1) {
		if ((c == '?' || c == ':') && optopt != 0) {
			clm_tool_warn(t, strchr(shortopts, optopt) != NULL ?
			    "option -%c needs a value (see --help)" :
			    "bad option -%c (see --help)", optopt);
			rc = -1;
		} else if (c == '?' || c == ':') {
			clm_tool_warn(t, "bad option %s (see --help)",
			    argv[optind - 1]);
			rc = -1;
		} else if ((rc = common_option(t, c, optarg)) > 0) {
			rc = 0;
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

/* The default source: records (lib/core/clm_record_in). */
static void
close_record_source(void *p)
{
	clm_record_reader_close(p);
}

/* Files are parsed ahead in a thread; a pipe might block it for good. */
static int
is_regular_file(const char *path)
{
	struct stat st;

	return path != NULL && strcmp(path, "-") != 0 &&
	    stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

int
clm_tool_open_records(struct clm_tool *t, struct clm_in *in, int ahead,
    struct clm_source **out, struct clm_error *err)
{
	struct clm_record_reader *r = clm_record_reader_open_in(in, ahead,
	    err);

	if (r == NULL)
		return err->code == CLM_EIO ? -CLM_EIO : -CLM_EFORMAT;
	*out = clm_source_rows(clm_record_reader_next, r, close_record_source,
	    (struct clm_header *)clm_record_reader_header(r), t->file);
	return 0;
}

static int
open_record_source(struct clm_tool *t, const char *path,
    struct clm_source **out, struct clm_error *err)
{
	struct clm_in *in = clm_in_open(path, err);

	if (in == NULL)
		return -CLM_EIO;
	return clm_tool_open_records(t, in, is_regular_file(path), out, err);
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

/* status and edits; the reader of exports also names each row's origin. */
static void
ensure_pipeline_columns(const struct clm_tool *t, struct clm_header *h)
{
	clm_header_ensure(h, CLM_COL_STATUS);
	clm_header_ensure(h, CLM_COL_EDITS);
	if (t->spec->foreign_input) {
		clm_header_ensure(h, CLM_COL_SRC_FILE);
		clm_header_ensure(h, CLM_COL_SRC_LINE);
	}
}

/* clm-parse: each row's export file and line, for every later tool. */
static void
mark_origin(const struct clm_tool *t, struct clm_claim *c)
{
	for (size_t i = 0; i < c->n; i++) {
		struct clm_row *r = c->rows[i];
		const char *file = c->file ? c->file : t->file;
		char num[32];

		/* read before the row changes: setting a value may move it */
		snprintf(num, sizeof(num), "%ld", r->line);
		clm_row_set(r, t->h, CLM_COL_SRC_FILE, file);
		clm_row_set(r, t->h, CLM_COL_SRC_LINE, num);
	}
}

static int chain_pass(struct clm_tool *t, struct clm_item *it,
    struct clm_error *err);

static int
tool_sink(void *ctx, const struct clm_header *h, struct clm_item *it,
    struct clm_error *err)
{
	struct clm_tool *t = ctx;

	(void)h;
	if (t->spec->sink != NULL)
		return t->spec->sink(t, it);
	if (t->spec->foreign_input && !t->source_sets_origin)
		mark_origin(t, &it->c);
	if (t->next != NULL)
		return chain_pass(t, it, err);
	return clm_tool_emit_claim(t, &it->c, &it->f);
}

static int
adopt_header(struct clm_tool *t, const struct clm_header *in,
    const char *name, struct clm_error *err)
{
	if (t->h != NULL) {
		struct clm_header *probe = clm_header_new();
		int same;

		for (size_t i = 0; i < in->ncols; i++)
			clm_header_add(probe, in->names[i]);
		ensure_pipeline_columns(t, probe);
		same = same_header(probe, t->h);
		clm_header_free(probe);
		if (!same)
			return clm_error_set(err, CLM_EFORMAT, name, 1,
			    "header differs from the first input's");
		return 0;
	}
	t->h = clm_header_new();
	for (size_t i = 0; i < in->ncols; i++)
		clm_header_add(t->h, in->names[i]);
	ensure_pipeline_columns(t, t->h);
	if (t->spec->start != NULL && t->spec->start(t, t->h) < 0)
		return -CLM_EUSAGE;
	clm_pipe_init(&t->pipe, t->stages, t->nstages, tool_sink, t);
	t->pipe.strict = t->strict;
	if (clm_pipe_start(&t->pipe, t->h, err) < 0)
		return err->code != 0 ? -err->code : -CLM_EUSAGE;
	if (t->next != NULL) {
		/* the next tool of a chain reads what this one writes */
		t->next->input_cols = t->h->ncols;
		t->next->file = name;
		return adopt_header(t->next, t->h, name, err);
	}
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

/*
 * Where a finding is: the export file and line clm-parse recorded in
 * src_file/src_line, else this tool's own input and physical line.
 */
static const char *
finding_origin(const struct clm_tool *t, const struct clm_claim *c,
    long line_no, long *phys)
{
	const struct clm_row *row = line_no > 0 ?
	    clm_claim_find_line(c, t->h, line_no) : NULL;
	const char *src;

	if (row == NULL)
		row = c->n > 0 ? c->rows[0] : NULL;
	*phys = row ? row->line : 0;
	if (row == NULL || t->h->canon[CLM_COL_SRC_FILE] < 0)
		return c->file ? c->file : "-";
	src = clm_row_get(row, t->h, CLM_COL_SRC_FILE);
	if (src[0] == '\0')
		return c->file ? c->file : "-";
	*phys = strtol(clm_row_get(row, t->h, CLM_COL_SRC_LINE), NULL, 10);
	return src;
}

/* The cap on diagnostics per edit id (--max-diagnostics, or a chain's):
 * whether this finding is printed; the held back ones are counted. */
static int
diag_allowed(struct clm_tool *t, const struct clm_finding *fd)
{
	struct clm_tool_cap *cap = t->cap;
	int e;
	size_t k;

	if (cap == NULL || cap->limit == 0)
		return 1;
	e = clm_edit_lookup(fd->edit);
	k = e >= 0 ? (size_t)e : CLM_EDIT_COUNT;
	if (cap->shown[k] >= cap->limit) {
		cap->more[k]++;
		return 0;
	}
	cap->shown[k]++;
	return 1;
}

static void
print_findings(struct clm_tool *t, const struct clm_claim *c,
    const struct clm_findings *f)
{
	const char *id = clm_claim_id(c, t->h);
	char buf[2048];

	for (size_t i = 0; i < f->n; i++) {
		const char *file;
		long phys;

		if (f->v[i].severity == CLM_SEV_INFO && !t->verbose)
			continue;
		if (!diag_allowed(t, &f->v[i]))
			continue;
		file = finding_origin(t, c, f->v[i].line, &phys);
		clm_finding_format(buf, sizeof(buf), file, phys, id, &f->v[i]);
		if (t->cap != NULL && t->cap->clear_line)
			fputs("\r\033[K", stderr);
		fprintf(stderr, "%s\n", buf);	/* one line, one write */
	}
}

/* What --max-diagnostics kept off stderr (a chain reports its own). */
static void
print_capped(struct clm_tool *t)
{
	const struct clm_tool_cap *cap = t->own_cap;

	for (size_t k = 0; cap != NULL && k <= CLM_EDIT_COUNT; k++) {
		const struct clm_edit_info *e = k < CLM_EDIT_COUNT ?
		    clm_edit_info((enum clm_edit)k) : NULL;

		if (cap->more[k] > 0 && !t->quiet)
			clm_tool_warn(t, "... and %lu more [%s] %s%s, %s",
			    cap->more[k], e ? e->id : "other",
			    e ? clm_severity_name(e->severity) : "finding",
			    cap->more[k] > 1 ? "s" : "", t->report_path ?
			    "see the report" : "all in --report FILE");
	}
	free(t->own_cap);
	t->own_cap = NULL;
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
	if (t->observe != NULL)
		t->observe(t->observe_arg, t, c, st);
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


/* Findings outside any claim (an X12 envelope): diagnostics; errors
 * fail the run. */
static void
print_orphans(struct clm_tool *t, struct clm_source *s)
{
	struct clm_findings *f = s->orphans != NULL ? s->orphans(s) : NULL;
	char buf[1024];

	for (size_t i = 0; f != NULL && i < f->n; i++) {
		if (f->v[i].severity == CLM_SEV_INFO && !t->verbose)
			continue;
		clm_finding_format(buf, sizeof(buf), s->name, 0, "", &f->v[i]);
		fprintf(stderr, "%s\n", buf);
		t->nfind[f->v[i].severity]++;
		if (f->v[i].severity == CLM_SEV_ERROR)
			t->failed = 1;
	}
	if (f != NULL)
		clm_findings_clear(f);
}

/* What the record reader owes every claim: ROW-RAGGED, a ragged row's
 * extra values out of the way, CLAIM-CONFLICT (when the tool asks). */
static void
intake_claim(struct clm_tool *t, struct clm_item *it)
{
	if (!t->spec->foreign_input) {
		check_ragged(t, &it->c, &it->f);
		for (size_t i = 0; i < it->c.n; i++)
			relocate_extras(t, it->c.rows[i]);
	}
	if (t->spec->check_conflicts)
		clm_claim_check_conflicts(&it->c, t->h, &it->f);
}

/*
 * A chain (clm run): what a tool would write as records goes to the next
 * tool's stages as the next tool would read it back: the verdict applied
 * to the rows, each row as wide as the header, the findings reported and
 * cleared.
 */
static int
chain_pass(struct clm_tool *t, struct clm_item *it, struct clm_error *err)
{
	size_t width = t->h->ncols;

	clm_tool_account(t, &it->c, &it->f);
	for (size_t i = 0; i < it->c.n; i++)
		if (width > 0 && it->c.rows[i]->n < width)
			clm_row_set_value(it->c.rows[i], width - 1, "", 0);
	clm_findings_clear(&it->f);
	intake_claim(t->next, it);
	return clm_pipe_push(&t->next->pipe, it, err);
}

static int
run_source(struct clm_tool *t, struct clm_source *s, struct clm_error *err)
{
	struct clm_item it;
	int rc;

	t->input_cols = s->h->ncols;
	t->source_sets_origin = s->sets_origin;
	clm_item_init(&it);
	for (;;) {
		clm_findings_clear(&it.f);
		rc = s->next(s, &it, err);
		print_orphans(t, s);
		if (rc <= 0)
			break;
		intake_claim(t, &it);
		if ((rc = clm_pipe_push(&t->pipe, &it, err)) < 0)
			break;
	}
	clm_item_free(&it);
	return rc;
}

static int
run_input(struct clm_tool *t, const char *path, struct clm_error *err)
{
	struct clm_source *s = NULL;
	const char *name = (path == NULL || strcmp(path, "-") == 0) ?
	    "<stdin>" : path;
	int rc;

	t->file = name;
	if (t->spec->open_source != NULL)
		rc = t->spec->open_source(t, path, &s, err);
	else
		rc = open_record_source(t, path, &s, err);
	if (rc < 0)
		return rc;
	rc = adopt_header(t, s->h, name, err);
	if (rc >= 0)
		rc = run_source(t, s, err);
	clm_source_close(s);
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
	if (t->spec->prepare != NULL && t->spec->prepare(t) < 0)
		return -1;
	for (int i = 0; i < n; i++) {
		const char *path = t->ninputs > 0 ? t->inputs[i] : NULL;

		if (run_input(t, path, &err) < 0) {
			if (err.code != 0)
				clm_tool_error(t, &err);
			return -1;
		}
	}
	if (t->h != NULL && clm_pipe_flush(&t->pipe, &err) < 0) {
		if (err.code != 0)
			clm_tool_error(t, &err);
		return -1;
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
	/* A complete record stream on a pipe ends with the trailer (first:
	 * a failure to write it leaves nothing committed). */
	if (t->out != NULL && t->h != NULL && clm_out_is_pipe(t->out) &&
	    clm_record_write_trailer(t->out, &err) < 0) {
		clm_tool_error(t, &err);
		return -1;
	}
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
	t.stages = spec->stages;
	t.nstages = spec->nstages;
	/*
	 * Line-buffered: each diagnostic leaves in one write, so the tools of
	 * one pipeline never interleave mid-line on a shared stderr.
	 */
	static char errbuf[16 * 1024];

	setvbuf(stderr, errbuf, _IOLBF, sizeof(errbuf));
	signal(SIGPIPE, SIG_IGN);
	clm_tool_signals(spec->name);
	if (parse_options(&t, argc, argv) < 0)
		return CLM_EXIT_FAILURE;
	if (run_all(&t) < 0 || t.failed || commit_outputs(&t) < 0) {
		status = CLM_EXIT_FAILURE;
	} else {
		status = t.rejected > 0 ? CLM_EXIT_FINDINGS : CLM_EXIT_OK;
	}
	print_capped(&t);
	print_summary(&t);
	clm_out_close(t.out);
	clm_out_close(t.report);
	clm_header_free(t.h);
	return status;
}

/* 4210 as "4,210". */
static void
thousands(unsigned long v, char *buf, size_t size)
{
	char raw[32];
	size_t n, o = 0;

	snprintf(raw, sizeof(raw), "%lu", v);
	n = strlen(raw);
	for (size_t i = 0; i < n && o + 2 < size; i++) {
		if (i > 0 && (n - i) % 3 == 0)
			buf[o++] = ',';
		buf[o++] = raw[i];
	}
	buf[o] = '\0';
}

void
clm_tool_cap_report(const struct clm_tool_cap *cap, const char *prog,
    const char *report, FILE *fp)
{
	char num[32];

	for (size_t k = 0; k <= CLM_EDIT_COUNT; k++) {
		if (cap->more[k] == 0)
			continue;
		thousands(cap->more[k], num, sizeof(num));
		fprintf(fp, "%s: ... and %s more %s, see %s\n", prog, num,
		    k < CLM_EDIT_COUNT ? clm_edit_info((enum clm_edit)k)->id :
		    "(other ids)", report);
	}
}

/* clm run: several tools in one process (clm_tool.h). */
int
clm_tool_chain_add(struct clm_tool_chain *ch, const struct clm_tool_spec *spec,
    void *ctx, int argc, char **argv)
{
	struct clm_tool *t;

	if (ch->n >= CLM_TOOL_CHAIN_MAX)
		return -1;
	t = clm_xcalloc(1, sizeof(*t));
	t->spec = spec;
	t->ctx = ctx;
	t->stages = spec->stages;
	t->nstages = spec->nstages;
	ch->t[ch->n] = t;
	if (ch->n > 0)
		ch->t[ch->n - 1]->next = t;
	ch->n++;
	optind = 0;	/* getopt afresh for each tool */
	if (parse_options(t, argc, argv) < 0)
		return -1;
	t->report = ch->report;
	t->cap = ch->cap;
	return 0;
}

static int
chain_fail(struct clm_tool *t, struct clm_error *err)
{
	if (err->code != 0)
		clm_tool_error(t, err);
	t->failed = 1;
	return CLM_EXIT_FAILURE;
}

static int
chain_failed(const struct clm_tool_chain *ch, size_t upto)
{
	for (size_t k = 0; k < upto && k < ch->n; k++)
		if (ch->t[k]->failed)
			return 1;
	return 0;
}

int
clm_tool_chain_run(struct clm_tool_chain *ch)
{
	struct clm_tool *first, *last;
	struct clm_error err;
	int n;

	if (ch->n == 0)
		return CLM_EXIT_FAILURE;
	first = ch->t[0];
	last = ch->t[ch->n - 1];
	clm_error_clear(&err);
	signal(SIGPIPE, SIG_IGN);
	for (size_t k = 0; k < ch->n; k++) {
		struct clm_tool *t = ch->t[k];

		t->report = ch->report;
		t->cap = ch->cap;
		if (t->next == NULL && !t->spec->no_record_output &&
		    (t->out = clm_out_open(t->output_path, &err)) == NULL)
			return chain_fail(t, &err);
		if (t->spec->prepare != NULL && t->spec->prepare(t) < 0)
			return chain_fail(t, &err);
	}
	n = first->ninputs > 0 ? first->ninputs : 1;
	for (int i = 0; i < n; i++) {
		const char *path = first->ninputs > 0 ? first->inputs[i] : NULL;

		if (ch->on_input != NULL)
			ch->on_input(ch->arg, path);
		if (run_input(first, path, &err) < 0)
			return chain_fail(first, &err);
	}
	/* each tool's end of input, in order, as the pipe would see it */
	for (size_t k = 0; k < ch->n; k++) {
		struct clm_tool *t = ch->t[k];

		if (chain_failed(ch, k))
			return CLM_EXIT_FAILURE;
		if (t->h != NULL && clm_pipe_flush(&t->pipe, &err) < 0)
			return chain_fail(t, &err);
		if (chain_failed(ch, k + 1))
			return CLM_EXIT_FAILURE;
		if (t->spec->finish != NULL && t->spec->finish(t) < 0)
			return chain_fail(t, &err);
		if (t->failed)
			return CLM_EXIT_FAILURE;
	}
	/* the last tool's records and every output a tool added (emit's
	 * rejects) go in together; the report is the chain owner's */
	{
		struct clm_out *v[1 + CLM_TOOL_CHAIN_MAX * 4];
		size_t nv = 0;

		v[nv++] = last->out;
		for (size_t k = 0; k < ch->n; k++)
			for (int i = 0; i < ch->t[k]->nextra; i++)
				v[nv++] = ch->t[k]->extra[i];
		if (clm_out_commit_all(v, nv, &err) < 0)
			return chain_fail(last, &err);
	}
	return last->rejected > 0 ? CLM_EXIT_FINDINGS : CLM_EXIT_OK;
}

void
clm_tool_chain_free(struct clm_tool_chain *ch)
{
	for (size_t k = 0; k < ch->n; k++) {
		clm_out_close(ch->t[k]->out);
		clm_header_free(ch->t[k]->h);
		free(ch->t[k]);
	}
	ch->n = 0;
}
