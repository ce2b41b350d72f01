/* clm-parse: bring a claim export into the clm record format. */
#include <stdlib.h>
#include <string.h>

#include "clm_csv.h"
#include "clm_io.h"
#include "clm_map.h"
#include "clm_tool.h"
#include "parse.h"

enum { OPT_FROM = 2000 };

struct parse_ctx {
	struct clm_map *map;
	int from_x12;		/* --from x12 */
};

/* X12 when asked for, or when the input starts with ISA. */
static int
looks_x12(struct clm_in *in, struct clm_error *err)
{
	const void *buf;
	const unsigned char *p;
	long n = clm_in_peek(in, &buf, 512, err);
	long i = 0;

	if (n < 0)
		return (int)n;
	p = buf;
	if (n >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF)
		i = 3;
	while (i < n && (p[i] == ' ' || p[i] == '\t' || p[i] == '\r' ||
	    p[i] == '\n'))
		i++;
	return n - i >= 3 && memcmp(p + i, "ISA", 3) == 0;
}

struct csv_source {
	struct clm_in *in;
	struct clm_csv *csv;
	struct clm_header *h;
};

static void
close_csv_source(void *p)
{
	struct csv_source *cs = p;

	clm_csv_close(cs->csv);
	clm_in_close(cs->in);
	clm_header_free(cs->h);
	free(cs);
}

static int
next_csv_row(void *p, struct clm_row *row, struct clm_error *err)
{
	return clm_csv_next(((struct csv_source *)p)->csv, row, err);
}

/* Rename each source column to its canonical name where one is known. */
static void
map_header(struct clm_tool *t, const struct clm_row *names,
    struct clm_header *h)
{
	struct parse_ctx *pc = t->ctx;

	for (size_t i = 0; i < names->n; i++) {
		const char *src = clm_row_value(names, i);
		int col = clm_map_lookup(pc->map, src);

		if (col >= 0 && h->canon[col] < 0)
			clm_header_add(h, clm_column_name(col));
		else {
			if (col < 0)
				clm_tool_warn(t, "column '%s' is not a "
				    "canonical column: passed through", src);
			clm_header_add(h, src);
		}
	}
}

static int
open_csv(struct clm_tool *t, const char *path, struct clm_tool_source *s,
    struct clm_error *err)
{
	struct csv_source *cs = clm_xcalloc(1, sizeof(*cs));
	struct clm_row *names = clm_row_new();
	int rc;

	cs->in = clm_in_open(path, err);
	if (cs->in == NULL) {
		free(cs);
		clm_row_free(names);
		return -CLM_EIO;
	}
	rc = ((struct parse_ctx *)t->ctx)->from_x12 ? 1 : looks_x12(cs->in,
	    err);
	if (rc != 0) {
		struct clm_in *in = cs->in;

		free(cs);
		clm_row_free(names);
		if (rc > 0)
			return parse_open_x12(t, in, s, err);
		clm_in_close(in);
		return rc;
	}
	cs->csv = clm_csv_open(cs->in, ',');
	cs->h = clm_header_new();
	rc = clm_csv_next(cs->csv, names, err);
	if (rc == 0)
		rc = clm_error_set(err, CLM_EFORMAT, clm_in_name(cs->in), 1,
		    "empty input: no header row");
	if (rc > 0) {
		map_header(t, names, cs->h);
		if (cs->h->canon[CLM_COL_CLAIM_ID] < 0)
			rc = clm_error_set(err, CLM_EFORMAT,
			    clm_in_name(cs->in), 1, "no claim id column "
			    "(name one with --map)");
	}
	clm_row_free(names);
	if (rc < 0) {
		close_csv_source(cs);
		return rc;
	}
	s->next = next_csv_row;
	s->src = cs;
	s->h = cs->h;
	s->name = clm_in_name(cs->in);
	s->close = close_csv_source;
	return 0;
}

static int
parse_claim(struct clm_tool *t, struct clm_claim *c, struct clm_findings *f)
{
	if (parse_x12_findings(t, c, f))
		return CLM_TOOL_WRITE;	/* X12: values already in record form */
	/* CSV claims: the cell transforms of the CSV reader go here */
	return CLM_TOOL_WRITE;
}

static const struct option longopts[] = {
	{ "map", required_argument, NULL, 'm' },
	{ "from", required_argument, NULL, OPT_FROM },
	{ NULL, 0, NULL, 0 },
};

static int
parse_option(struct clm_tool *t, int opt, const char *arg)
{
	struct parse_ctx *pc = t->ctx;
	struct clm_error err;

	if (opt == OPT_FROM) {
		if (strcmp(arg, "x12") != 0 && strcmp(arg, "csv") != 0) {
			clm_tool_warn(t, "--from takes csv or x12, not '%s'",
			    arg);
			return -1;
		}
		pc->from_x12 = strcmp(arg, "x12") == 0;
		return 0;
	}
	if (opt != 'm')
		return -1;
	clm_error_clear(&err);
	if (clm_map_load(pc->map, arg, &err) < 0) {
		clm_tool_error(t, &err);
		return -1;
	}
	return 0;
}

int
main(int argc, char **argv)
{
	static const struct clm_tool_spec spec = {
		.name = "clm-parse",
		.purpose = "Read claim exports (CSV/TSV) or X12 837P files "
		    "into clm records.",
		.usage = "  -m, --map FILE     header map: 'Source Header = "
		    "canonical_column' per line\n"
		    "      --from FMT     csv or x12 (default: x12 when the "
		    "input starts with ISA)\n",
		.shortopts = "m:",
		.longopts = longopts,
		.option = parse_option,
		.open_source = open_csv,
		.claim = parse_claim,
		.check_conflicts = 1,
	};
	struct parse_ctx pc = { .map = clm_map_new() };
	int rc = clm_tool_main(&spec, &pc, argc, argv);

	clm_map_free(pc.map);
	return rc;
}
