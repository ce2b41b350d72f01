/* clm-parse: bring a claim export (CSV, TSV, X12 837P) into clm records. */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "clm_io.h"
#include "clm_x12src.h"
#include "parse.h"

#define DETECT_BYTES (64 * 1024)
#define DEFAULT_WINDOW ((size_t)256 << 10)

enum { OPT_FROM = 2000, OPT_PRINT_MAP, OPT_SORT, OPT_PROFILE,
	OPT_PRINT_PROFILE, OPT_KEEP_HEADERS, OPT_ACK };

/* Print the header map and stop: no records are written. */
static void
finish_print_map(struct clm_tool *t, struct clm_source *s)
{
	clm_source_close(s);
	fflush(stdout);
	clm_out_close(t->out);
	clm_out_close(t->report);
	exit(ferror(stdout) ? CLM_EXIT_FAILURE : CLM_EXIT_OK);
}

static enum parse_format
detect(struct parse_ctx *pc, struct clm_in *in, struct clm_error *err,
    int *failed)
{
	const void *buf;
	long n;

	*failed = 0;
	if (pc->from != PARSE_AUTO)
		return pc->from;
	n = clm_in_peek(in, &buf, DETECT_BYTES, err);
	if (n < 0) {
		*failed = 1;
		return PARSE_AUTO;
	}
	return parse_detect(buf, (size_t)n);
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
open_input(struct clm_tool *t, const char *path, struct clm_source **s,
    struct clm_error *err)
{
	struct parse_ctx *pc = t->ctx;
	struct clm_in *in = clm_in_open(path, err);
	struct parse_rows rows;
	enum parse_format fmt;
	int failed, rc = 0;

	if (in == NULL)
		return -CLM_EIO;
	fmt = detect(pc, in, err, &failed);
	if (failed) {
		clm_in_close(in);
		return -err->code;
	}
	/* what the reader tells the claim callback starts afresh */
	pc->grouped = fmt != PARSE_X12;
	pc->from_x12 = fmt == PARSE_X12;
	pc->assign_line_no = 0;
	pc->nptr_cols = 0;
	pc->src_cols = 0;
	parse_idset_free(pc->ids);
	pc->ids = NULL;
	if (fmt == PARSE_X12) {
		*s = clm_x12src_open(in, t->file);
		if (pc->ack != NULL && (rc = parse_ack_follow(t, *s, err)) < 0)
			clm_source_close(*s);
	} else {
		rc = parse_open_csv(t, in, fmt == PARSE_TSV ? '\t' : ',',
		    is_regular_file(path), &rows, err);
		if (rc >= 0)
			*s = clm_source_rows(rows.next, rows.src, rows.close,
			    rows.h, t->file);
	}
	if (rc >= 0 && pc->print_map)
		finish_print_map(t, *s);
	return rc;
}

/*
 * clm-parse starts a pipeline afresh: a verdict carried in the input (a
 * rejects file a biller fixed and runs again) is dropped, so the claim is
 * judged on what it holds now.
 */
static void
clear_verdicts(const struct clm_header *h, struct clm_claim *c)
{
	int cols[2] = { h->canon[CLM_COL_STATUS], h->canon[CLM_COL_EDITS] };

	for (size_t i = 0; i < c->n; i++)
		for (int k = 0; k < 2; k++)	/* only values present */
			if (cols[k] >= 0 && (size_t)cols[k] < c->rows[i]->n)
				clm_row_set_value(c->rows[i], (size_t)cols[k],
				    "", 0);
}

/* The tool's stage: one claim's cells to the record form (its reading
 * findings came with it from the source). */
static int
parse_claim(void *ctx, const struct clm_next *next, struct clm_item *it,
    struct clm_error *err)
{
	struct clm_tool *t = ctx;
	struct parse_ctx *pc = t->ctx;
	struct clm_claim *c = &it->c;
	struct clm_findings *f = &it->f;

	(void)next;
	(void)err;
	if (pc->from_x12)
		parse_transform_x12(pc, t->h, c, f);
	else
		parse_transform(pc, t->h, c, f);
	clear_verdicts(t->h, c);
	/* a canonical rejects file run again keeps the names it carries */
	for (size_t i = 0; pc->src_columns != NULL &&
	    pc->src_columns[0] != '\0' && i < c->n; i++)
		clm_row_set(c->rows[i], t->h, CLM_COL_SRC_COLUMNS,
		    pc->src_columns);
	if (pc->ids_full_noted == 1) {
		pc->ids_full_noted = 2;
		if (!t->quiet)
			clm_tool_warn(t, "%s: more than %zu distinct claim "
			    "ids: CLAIM-ID-REUSED is checked for the first "
			    "ones only", t->file,
			    PARSE_IDSET_MAX_SLOTS / 4 * 3);
	}
	return CLM_STAGE_PASS;
}

static const struct option longopts[] = {
	{ "ack", required_argument, NULL, OPT_ACK },
	{ "from", required_argument, NULL, OPT_FROM },
	{ "map", required_argument, NULL, 'm' },
	{ "print-map", no_argument, NULL, OPT_PRINT_MAP },
	{ "profile", required_argument, NULL, OPT_PROFILE },
	{ "print-profile", no_argument, NULL, OPT_PRINT_PROFILE },
	{ "sort", no_argument, NULL, OPT_SORT },
	{ "keep-headers", no_argument, NULL, OPT_KEEP_HEADERS },
	{ NULL, 0, NULL, 0 },
};

static int
set_from(struct clm_tool *t, const char *arg)
{
	struct parse_ctx *pc = t->ctx;

	if (strcmp(arg, "csv") == 0)
		pc->from = PARSE_CSV;
	else if (strcmp(arg, "tsv") == 0)
		pc->from = PARSE_TSV;
	else if (strcmp(arg, "x12") == 0)
		pc->from = PARSE_X12;
	else {
		clm_tool_warn(t, "--from %s: expected csv, tsv or x12", arg);
		return -1;
	}
	return 0;
}

static int
parse_option(struct clm_tool *t, int opt, const char *arg)
{
	struct parse_ctx *pc = t->ctx;
	struct clm_error err;

	switch (opt) {
	case 'm':
		clm_error_clear(&err);
		if (clm_map_load(pc->map, arg, &err) < 0) {
			clm_tool_error(t, &err);
			return -1;
		}
		return 0;
	case OPT_PROFILE:
		clm_error_clear(&err);
		if (clm_profile_load(pc->profile, pc->map, arg, &err) < 0) {
			clm_tool_error(t, &err);
			return -1;
		}
		pc->has_values = 1;
		return 0;
	case OPT_FROM:
		return set_from(t, arg);
	case OPT_KEEP_HEADERS:
		pc->keep_headers = 1;
		return 0;
	case OPT_PRINT_MAP:
		pc->print_map = 1;
		return 0;
	case OPT_PRINT_PROFILE:
		pc->print_map = 2;
		return 0;
	case OPT_SORT:
		pc->sort = 1;
		return 0;
	case OPT_ACK:
		pc->ack = arg;
		return 0;
	default:
		return -1;
	}
}

/* The stage's context is the tool (its header, file name, -q). */
static int
parse_prepare(struct clm_tool *t)
{
	struct parse_ctx *pc = t->ctx;

	pc->stage = t->stages[0];
	pc->stage.ctx = t;
	t->stages = &pc->stage;
	return 0;
}

/* CLM_PARSE_WINDOW (bytes) shrinks the grouping window for tests. */
static size_t
window_size(void)
{
	const char *v = getenv("CLM_PARSE_WINDOW");
	char *end;
	unsigned long n;

	if (v == NULL || *v == '\0')
		return DEFAULT_WINDOW;
	n = strtoul(v, &end, 10);
	return *end == '\0' && n > 0 && n <= DEFAULT_WINDOW * 64 ?
	    (size_t)n : DEFAULT_WINDOW;
}

int
clm_parse_tool(int argc, char **argv, clm_tool_run_fn run)
{
	struct clm_stage stages[1] = {
		{ "parse", NULL, NULL, parse_claim, NULL },
	};
	const struct clm_tool_spec spec = {
		.name = "clm-parse",
		.purpose = "Read claim exports (CSV, TSV, X12 837P) into clm "
		    "records.",
		.usage = "      --from FMT     input format csv, tsv or x12 "
		    "(default: detect)\n"
		    "      --ack FILE     write the 999 acknowledgment of the "
		    "X12 input to FILE\n"
		    "  -m, --map FILE     header map: 'Source Header = "
		    "canonical_column' per line\n"
		    "      --print-map    print the header map used and exit\n"
		    "      --profile FILE practice profile: [columns], "
		    "[defaults], [values]\n"
		    "                     (docs/profile.md)\n"
		    "      --print-profile\n"
		    "                     print a starting profile for the "
		    "export and exit\n"
		    "      --sort         group scattered rows through "
		    "temporary files always\n"
		    "      --keep-headers carry the export's own headers "
		    "(src_columns) for\n"
		    "                     clm-emit-837 --rejects-headers\n",
		.shortopts = "m:",
		.longopts = longopts,
		.option = parse_option,
		.open_source = open_input,
		.foreign_input = 1,
		.prepare = parse_prepare,
		.stages = stages,
		.nstages = 1,
		.finish = parse_finish,
		/* ROW-RAGGED and CLAIM-CONFLICT come from parse_transform,
		 * which counts the export's columns, not the added ones */
		.check_conflicts = 0,
	};
	struct parse_ctx pc;
	int rc;

	memset(&pc, 0, sizeof(pc));
	pc.map = clm_map_new();
	pc.profile = clm_profile_new();
	pc.window = window_size();
	rc = run(&spec, &pc, argc, argv);
	clm_map_free(pc.map);
	clm_profile_free(pc.profile);
	parse_idset_free(pc.ids);
	free(pc.flags);
	free(pc.src_columns);
	return rc;
}
