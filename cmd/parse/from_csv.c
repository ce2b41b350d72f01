/*
 * clm-parse: the CSV/TSV reader.  Bytes pass through a decoder (UTF-8
 * checked; Windows-1252 transcoded; NUL bytes refused), then libcsv; the
 * header row is mapped to canonical names; rows are padded for added
 * columns and grouped by claim (group.c).
 */
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <ctype.h>

#include "clm_cells.h"
#include "clm_csv.h"
#include "clm_enc.h"
#include "group.h"
#include "parse.h"

const struct parse_pat_sub parse_pat_sub[] = {
	{ CLM_COL_PAT_LAST, CLM_COL_SUB_LAST },
	{ CLM_COL_PAT_FIRST, CLM_COL_SUB_FIRST },
	{ CLM_COL_PAT_MIDDLE, CLM_COL_SUB_MIDDLE },
	{ CLM_COL_PAT_SUFFIX, CLM_COL_SUB_SUFFIX },
	{ CLM_COL_PAT_DOB, CLM_COL_SUB_DOB },
	{ CLM_COL_PAT_SEX, CLM_COL_SUB_SEX },
	{ CLM_COL_PAT_ADDR1, CLM_COL_SUB_ADDR1 },
	{ CLM_COL_PAT_ADDR2, CLM_COL_SUB_ADDR2 },
	{ CLM_COL_PAT_CITY, CLM_COL_SUB_CITY },
	{ CLM_COL_PAT_STATE, CLM_COL_SUB_STATE },
	{ CLM_COL_PAT_ZIP, CLM_COL_SUB_ZIP },
};
const size_t parse_npat_sub = sizeof(parse_pat_sub) / sizeof(parse_pat_sub[0]);

#define RAW_CHUNK (16 * 1024)

/* The byte decoder in front of libcsv. */
struct decoder {
	struct clm_in *in;
	struct clm_tool *t;
	struct clm_enc_utf8 st;
	int cp1252;
	const struct clm_csv *csv;	/* for the line count in errors */
	unsigned char carry[4];		/* a sequence split by a read */
	size_t ncarry;
	unsigned char *raw;		/* cp1252 bytes not yet converted */
	size_t nraw, rawpos;
	int eof;
	/* The switch to cp1252 is noticed where the reader is, perhaps a
	 * thread ahead: the notice waits for the row of this line (0: none;
	 * -1: printed) so that it lands in the same place every run. */
	_Atomic long notice_line;
};

struct csv_src {
	struct parse_ctx *pc;
	struct clm_tool *t;
	struct decoder dec;
	struct clm_csv *csv;
	struct clm_header *h;
	size_t nsrc;			/* columns of the source header kept */
	size_t nraw;			/* columns of the source header */
	unsigned char *drop;		/* per source column: "= -" */
	size_t ndrop;
	char **keys;			/* clm_map_key of each source header */
	long id_raw;			/* source column of claim_id */
	long header_line;
	struct clm_row **replay;	/* rows read while finding the header */
	size_t replay_at, nreplay;
	int dx_list, mod_list;		/* dx / mod cells under export names */
	int no_header;			/* the first row looks like data */
	struct parse_group *grp;
};

static int
binary_error(struct decoder *d, const unsigned char *buf, size_t at,
    struct clm_error *err)
{
	return clm_error_set(err, CLM_EFORMAT, clm_in_name(d->in),
	    clm_csv_lines(d->csv) + (long)clm_enc_count_lines(buf, at) + 1,
	    "binary data (a NUL byte): not a text export");
}

static void
switch_to_cp1252(struct decoder *d, const unsigned char *rest, size_t n,
    long line)
{
	d->cp1252 = 1;
	d->raw = clm_xmalloc(RAW_CHUNK + n);
	memcpy(d->raw, rest, n);
	d->nraw = n;
	d->rawpos = 0;
	atomic_store(&d->notice_line, line);
}

/* The cp1252 notice, once, before the row at its line (or at the end). */
static void
cp1252_notice(struct decoder *d, const struct clm_row *row)
{
	long line = atomic_load(&d->notice_line);

	if (line <= 0 || (row != NULL && row->line < line))
		return;
	atomic_store(&d->notice_line, -1);
	clm_tool_warn(d->t, "%s: not valid UTF-8; read as Windows-1252",
	    clm_in_name(d->in));
}

static long
read_cp1252(struct decoder *d, unsigned char *buf, size_t size,
    struct clm_error *err)
{
	size_t used, out;
	const unsigned char *nul;

	if (d->rawpos == d->nraw) {
		long n = d->eof ? 0 : clm_in_read(d->in, d->raw, RAW_CHUNK,
		    err);

		if (n <= 0)
			return n;
		d->nraw = (size_t)n;
		d->rawpos = 0;
	}
	nul = memchr(d->raw + d->rawpos, 0, d->nraw - d->rawpos);
	if (nul != NULL)
		return binary_error(d, d->raw + d->rawpos,
		    (size_t)(nul - d->raw) - d->rawpos, err);
	used = clm_enc_cp1252_to_utf8(d->raw + d->rawpos, d->nraw - d->rawpos,
	    buf, size, &out);
	d->rawpos += used;
	return (long)out;
}

/* Bytes at buf[bad..n) are not UTF-8: switch if all before was ASCII. */
static long
invalid_utf8(struct decoder *d, unsigned char *buf, size_t n, size_t bad,
    struct clm_error *err)
{
	if (d->st.multibyte)
		return clm_error_set(err, CLM_EFORMAT, clm_in_name(d->in),
		    clm_csv_lines(d->csv) + (long)clm_enc_count_lines(buf, bad) +
		    1,
		    "not valid UTF-8, and earlier lines hold UTF-8 text, so "
		    "it is not Windows-1252 either");
	switch_to_cp1252(d, buf + bad, n - bad, clm_csv_lines(d->csv) +
	    (long)clm_enc_count_lines(buf, bad) + 1);
	if (bad > 0)
		return (long)bad;
	return read_cp1252(d, buf, n, err);
}

/* Read into buf after the carried bytes; 0 at end, <0 on error. */
static long
fill_utf8(struct decoder *d, unsigned char *buf, size_t size,
    struct clm_error *err)
{
	long n;

	memcpy(buf, d->carry, d->ncarry);
	n = d->eof ? 0 : clm_in_read(d->in, buf + d->ncarry,
	    size - d->ncarry, err);
	if (n < 0)
		return n;
	if (n == 0)
		d->eof = 1;
	n += (long)d->ncarry;
	d->ncarry = 0;
	return n;
}

static long
decode_read(void *ctx, void *out, size_t size, struct clm_error *err)
{
	struct decoder *d = ctx;
	unsigned char *buf = out;
	size_t bad, keep;
	long n;

	if (d->cp1252)
		return read_cp1252(d, buf, size, err);
	if ((n = fill_utf8(d, buf, size, err)) <= 0)
		return n;
	switch (clm_enc_utf8_check(&d->st, buf, (size_t)n, &bad)) {
	case CLM_ENC_NUL:
		return binary_error(d, buf, bad, err);
	case CLM_ENC_INVALID:
		return invalid_utf8(d, buf, (size_t)n, bad, err);
	default:
		break;
	}
	if (d->st.need > 0) {	/* hold a split sequence back */
		keep = d->st.seen + 1;
		if (d->eof)
			return invalid_utf8(d, buf, (size_t)n,
			    (size_t)n - keep, err);
		memcpy(d->carry, buf + n - (long)keep, keep);
		d->ncarry = keep;
		d->st.need = 0;
		n -= (long)keep;
		if (n == 0)
			return decode_read(d, out, size, err);
	}
	return n;
}

/* ---- header ---- */

static const char *
how_name(enum clm_map_how how)
{
	switch (how) {
	case CLM_MAP_FILE: return "map file";
	case CLM_MAP_COMPOSED: return "composed words";
	case CLM_MAP_CANONICAL: return "canonical name";
	case CLM_MAP_SYNONYM: return "built-in synonym";
	default: return "unmapped";
	}
}

/*
 * A repeated "Modifier" or "Diagnosis" header takes the next free column
 * of its series (mod1..mod4, dx1..dx12); other columns stay as they are.
 */
static int
next_in_series(const struct clm_header *h, int col)
{
	int last = col >= CLM_COL_MOD1 && col <= CLM_COL_MOD4 ? CLM_COL_MOD4 :
	    col >= CLM_COL_DX1 && col <= CLM_COL_DX12 ? CLM_COL_DX12 : col;

	for (int c = col + 1; c <= last; c++)
		if (h->canon[c] < 0)
			return c;
	return col;
}

/*
 * Series columns (mod1..4, dx1..12) and dx_ptr take repeats in order; any
 * other column has one source: the strongest candidate (a profile or map
 * rule, then the canonical name, then a synonym or composed words).
 */
static int
is_series(int col)
{
	return (col >= CLM_COL_MOD1 && col <= CLM_COL_MOD4) ||
	    (col >= CLM_COL_DX1 && col <= CLM_COL_DX12) ||
	    col == CLM_COL_DX_PTR;
}

/* Columns that decide grouping or identity: two candidates are refused. */
static int
is_identity(int col)
{
	return col == CLM_COL_CLAIM_ID || col == CLM_COL_LINE_NO ||
	    col == CLM_COL_SUB_ID || col == CLM_COL_BILL_NPI ||
	    col == CLM_COL_PAYER_ID;
}

static int
how_rank(enum clm_map_how how)
{
	switch (how) {
	case CLM_MAP_FILE: return 3;
	case CLM_MAP_CANONICAL: return 2;
	default: return 1;
	}
}

struct plan {
	int col;			/* as clm_map_resolve */
	enum clm_map_how how;
	const char *rename;
	long winner;			/* >= 0: lost col to this column */
	int ambiguous;			/* --print-profile: equal candidates */
};

/* Canonical column for a source header given its plan, -1 to pass it
 * through, -2 to join it to dx_ptr, -3 when its column is taken. */
static int
map_column(struct parse_ctx *pc, const struct clm_header *h,
    const struct plan *pl)
{
	int col = pl->col;

	if (pl->winner >= 0)
		return -3;
	if (col < 0)
		return -1;
	if (h->canon[col] >= 0)
		col = next_in_series(h, col);
	if (h->canon[col] >= 0 && col == CLM_COL_DX_PTR && pc->nptr_cols < 16)
		return -2;	/* another pointer column: joined */
	if (h->canon[col] >= 0)
		return -3;	/* a second column for one canonical column */
	return col;
}

static void
print_line(FILE *fp, const char *src, const char *dst, const char *why)
{
	fprintf(fp, "%s = %s", src, dst);
	fprintf(fp, "%*s# %s\n", (int)(strlen(src) + strlen(dst) < 40 ?
	    40 - strlen(src) - strlen(dst) : 1), "", why);
}

/* Add a passed-through column, renamed "NAME_2"... if the name is taken. */
static size_t
add_unique(struct clm_header *h, const char *src)
{
	char name[512];
	int k = 2;

	if (clm_header_find(h, src) < 0 && clm_column_lookup(src) < 0)
		return clm_header_add(h, src);
	do {
		snprintf(name, sizeof(name), "%.480s_%d", src, k++);
	} while (clm_header_find(h, name) >= 0 || clm_column_lookup(name) >= 0);
	return clm_header_add(h, name);
}

/* How an unmapped header name is shown: itself, or by position when it
 * looks like data (never echo a patient's values). */
static const char *
shown_name(const struct csv_src *cs, const char *src, size_t i, char *buf,
    size_t size)
{
	if (!cs->no_header && !clm_map_name_looks_like_data(src))
		return src;
	snprintf(buf, size, "%zu (a value that looks like data, not shown)",
	    i + 1);
	return buf;
}

static void
add_source_column(struct clm_tool *t, struct csv_src *cs,
    const struct clm_row *names, size_t i, const struct plan *pl,
    FILE *map_out)
{
	char shown[80];
	struct parse_ctx *pc = cs->pc;
	const char *src = clm_row_value(names, i);
	int col = map_column(pc, cs->h, pl);
	size_t at;

	if (map_out != NULL && pl->ambiguous)
		fprintf(map_out, "# %s = %s    # AMBIGUOUS: keep one header "
		    "for %s, '= -' the other\n", src, clm_column_name(pl->col),
		    clm_column_name(pl->col));
	if (pl->col == CLM_MAP_IGNORE) {
		cs->drop[i] = 1;
		cs->ndrop++;
		if (map_out != NULL)
			print_line(map_out, src, "-", "map file: ignored");
		return;
	}
	if (col >= 0) {
		if (pl->how != CLM_MAP_CANONICAL) {
			cs->dx_list |= col >= CLM_COL_DX1 && col <= CLM_COL_DX12;
			cs->mod_list |= col >= CLM_COL_MOD1 &&
			    col <= CLM_COL_MOD4;
		}
		clm_header_add(cs->h, clm_column_name(col));
		if (map_out != NULL && pl->ambiguous)
			;	/* printed above */
		else if (map_out != NULL && pl->col != col)
			fprintf(map_out, "# %s: %s (a repeated header takes "
			    "the next free column)\n", src,
			    clm_column_name(col));
		else if (map_out != NULL)
			print_line(map_out, src, clm_column_name(col),
			    how_name(pl->how));
		return;
	}
	at = add_unique(cs->h, pl->col == CLM_MAP_RENAME ? pl->rename : src);
	if (pl->col == CLM_MAP_RENAME) {
		if (map_out != NULL)
			print_line(map_out, src, cs->h->names[at],
			    "map file: passed through");
		return;
	}
	if (col == -2) {
		pc->ptr_cols[pc->nptr_cols++] = (int)at;
		if (map_out != NULL)
			fprintf(map_out, "# %s: joined into dx_ptr, and "
			    "passed through\n", src);
		return;
	}
	if (col == -3 && pl->winner >= 0) {
		const char *win = clm_row_value(names, (size_t)pl->winner);

		if (map_out != NULL && pl->ambiguous)
			;	/* printed above */
		else if (map_out != NULL)
			fprintf(map_out, "# %s: passed through (it also "
			    "reads as %s, which '%s' gives)\n", src,
			    clm_column_name(pl->col), win);
		else if (!t->quiet)
			clm_tool_warn(t, "%s: column '%s' also reads as %s, "
			    "which '%s' gives: passed through",
			    clm_in_name(cs->dec.in), src,
			    clm_column_name(pl->col), win);
		return;
	}
	if (shown_name(cs, src, i, shown, sizeof(shown)) != src) {
		if (map_out != NULL)
			fprintf(map_out, "# column %s: passed through (%s)\n",
			    shown, col == -3 ? "its column is already mapped" :
			    "unmapped");
		else if (!t->quiet && !cs->no_header)
			clm_tool_warn(t, "%s: column %s %s: passed through",
			    clm_in_name(cs->dec.in), shown, col == -3 ?
			    "maps to a column already mapped" :
			    "is not a canonical column");
	} else if (map_out != NULL)
		fprintf(map_out, "# %s: passed through%s%s (%s)\n", src,
		    strcmp(src, cs->h->names[at]) != 0 ? " as " : "",
		    strcmp(src, cs->h->names[at]) != 0 ? cs->h->names[at] : "",
		    col == -3 ? "its column is already mapped" : "unmapped");
	else if (!t->quiet)
		clm_tool_warn(t, "%s: column '%s' %s: passed through",
		    clm_in_name(cs->dec.in), src, col == -3 ?
		    "maps to a column already mapped" :
		    "is not a canonical column");
}

/* Columns the transforms may fill; patient columns feeding sub_*. */
static void
add_derived_columns(struct csv_src *cs, FILE *map_out)
{
	struct clm_header *h = cs->h;

	/* room for cells that spread ("M54.50, M62.81"; "GP 59") */
	for (int k = 1; cs->dx_list && k <= 12; k++)
		clm_header_ensure(h, CLM_COL_DX(k));
	for (int k = 1; cs->mod_list && k <= 4; k++)
		clm_header_ensure(h, CLM_COL_MOD(k));
	if (cs->pc->keep_headers)
		clm_header_ensure(h, CLM_COL_SRC_COLUMNS);
	cs->pc->assign_line_no = h->canon[CLM_COL_LINE_NO] < 0;
	clm_header_ensure(h, CLM_COL_LINE_NO);
	for (size_t i = 0; i < parse_npat_sub; i++)
		if (h->canon[parse_pat_sub[i].pat] >= 0)
			clm_header_ensure(h, parse_pat_sub[i].sub);
	for (size_t i = cs->nsrc; map_out != NULL && i < h->ncols; i++)
		fprintf(map_out, "# %s: added\n", h->names[i]);
}

static void
plan_columns(struct parse_ctx *pc, const struct clm_row *names,
    struct plan *plan)
{
	for (size_t i = 0; i < names->n; i++) {
		const char *src = clm_row_value(names, i);
		struct plan *pl = &plan[i];

		pl->col = clm_map_resolve(pc->map, src, &pl->how, &pl->rename);
		pl->winner = -1;
		/* pipeline columns only under their exact names (re-parsed
		 * records) */
		if ((pl->col == CLM_COL_STATUS || pl->col == CLM_COL_EDITS) &&
		    strcmp(src, clm_column_name(pl->col)) != 0)
			pl->col = -1;
	}
}

/*
 * One source per non-series column, whatever the header order: the
 * strongest candidate wins; two equally strong candidates for a column
 * that decides grouping or identity are refused, never guessed.
 */
static int
settle_columns(const struct csv_src *cs, const struct clm_row *names,
    struct plan *plan, struct clm_error *err)
{
	for (size_t i = 0; i < names->n; i++) {
		int col = plan[i].col, best = -1;
		size_t first = i;

		if (col < 0 || is_series(col) || plan[i].winner >= 0)
			continue;
		for (size_t j = i; j < names->n; j++)
			if (plan[j].col == col && how_rank(plan[j].how) > best) {
				best = how_rank(plan[j].how);
				first = j;
			}
		for (size_t j = first + 1; is_identity(col) && j < names->n;
		    j++) {
			if (plan[j].col != col || how_rank(plan[j].how) != best)
				continue;
			if (cs->pc->print_map) {
				plan[first].ambiguous = 1;
				plan[j].ambiguous = 1;
				continue;
			}
			return clm_error_set(err, CLM_EFORMAT,
			    clm_in_name(cs->dec.in), names->line,
			    "columns '%s' and '%s' both read as %s (%s): "
			    "clm-parse does not guess; settle it in the "
			    "profile [columns], e.g. '%s = %s' and '%s = -' "
			    "(or the other way round)",
			    clm_row_value(names, first),
			    clm_row_value(names, j), clm_column_name(col),
			    how_name(plan[j].how), clm_row_value(names, j),
			    clm_column_name(col),
			    clm_row_value(names, first));
		}
		for (size_t j = i; j < names->n; j++)
			if (plan[j].col == col && j != first)
				plan[j].winner = (long)first;
	}
	return 0;
}

/* --keep-headers: the export's header of each column given another name. */
static void
keep_headers(struct csv_src *cs, const struct clm_row *names)
{
	struct parse_ctx *pc = cs->pc;
	size_t size = 16384;

	if (!pc->keep_headers)
		return;
	free(pc->src_columns);
	pc->src_columns = clm_xcalloc(1, size);
	for (size_t i = 0; i < names->n && i < cs->h->ncols; i++) {
		const char *src = clm_row_value(names, i);

		if (strcmp(src, cs->h->names[i]) != 0)
			(void)clm_cells_srccols_add(pc->src_columns, size,
			    cs->h->names[i], src);
	}
}

static int
map_header(struct clm_tool *t, struct csv_src *cs, const struct clm_row *names,
    struct clm_error *err)
{
	struct parse_ctx *pc = cs->pc;
	FILE *map_out = pc->print_map ? stdout : NULL;
	struct plan *plan = clm_xcalloc(names->n + 1, sizeof(*plan));
	int rc;

	pc->nptr_cols = 0;
	if (map_out != NULL && pc->print_map == 2)
		fprintf(map_out, "# clm-parse: starting profile for %s (use "
		    "as --profile FILE; docs/profile.md)\n[columns]\n",
		    clm_in_name(cs->dec.in));
	else if (map_out != NULL)
		fprintf(map_out, "# clm-parse: header map of %s (usable as "
		    "--map FILE)\n", clm_in_name(cs->dec.in));
	/* a first row that maps (almost) nothing is data, not a header:
	 * none of its values is echoed, one line says so */
	size_t mapped = 0;

	for (size_t i = 0; i < names->n; i++)
		mapped += clm_map_lookup(pc->map, clm_row_value(names, i)) >= 0;
	cs->no_header = clm_map_row_is_data(mapped, names->n);
	if (cs->no_header && !t->quiet && map_out == NULL)
		clm_tool_warn(t, "%s:%ld: the first row maps %zu of its %zu "
		    "values to a column name: it looks like data, not a "
		    "header row (its values are not shown)",
		    clm_in_name(cs->dec.in), names->line, mapped, names->n);
	plan_columns(pc, names, plan);
	if ((rc = settle_columns(cs, names, plan, err)) < 0) {
		free(plan);
		return rc;
	}
	cs->nraw = names->n;
	cs->drop = clm_xcalloc(names->n + 1, 1);
	cs->keys = clm_xcalloc(names->n + 1, sizeof(*cs->keys));
	cs->id_raw = -1;
	cs->header_line = names->line;
	for (size_t i = 0; i < names->n; i++) {
		char key[256];

		clm_map_key(clm_row_value(names, i), key, sizeof(key));
		cs->keys[i] = clm_xstrdup(key);
		add_source_column(t, cs, names, i, &plan[i], map_out);
		if (plan[i].col == CLM_COL_CLAIM_ID && plan[i].winner < 0)
			cs->id_raw = (long)i;
	}
	free(plan);
	cs->nsrc = names->n - cs->ndrop;
	keep_headers(cs, names);
	add_derived_columns(cs, map_out);
	parse_profile_columns(t, cs->h, clm_in_name(cs->dec.in), names,
	    map_out);
	if (cs->h->canon[CLM_COL_CLAIM_ID] < 0)
		return clm_error_set(err, CLM_EFORMAT, clm_in_name(cs->dec.in),
		    names->line, "no claim id column (name one in the "
		    "profile [columns] or with --map, e.g. 'Ticket = "
		    "claim_id')");
	return clm_header_check(cs->h, clm_in_name(cs->dec.in), err);
}

/* ---- the source ---- */

static void
close_csv(void *p)
{
	struct csv_src *cs = p;

	parse_group_free(cs->grp);
	for (size_t i = 0; cs->keys != NULL && i < cs->nraw; i++)
		free(cs->keys[i]);
	free(cs->keys);
	free(cs->drop);
	for (size_t i = cs->replay_at; i < cs->nreplay; i++)
		clm_row_free(cs->replay[i]);
	free(cs->replay);
	clm_csv_close(cs->csv);
	clm_in_close(cs->dec.in);
	free(cs->dec.raw);
	clm_header_free(cs->h);
	free(cs);
}

/* Where a long row's extra values go: after status, edits, src_file and
 * src_line (the columns the runtime appends). */
static size_t
extras_offset(const struct clm_header *h)
{
	return h->ncols + (h->canon[CLM_COL_STATUS] < 0) +
	    (h->canon[CLM_COL_EDITS] < 0) + (h->canon[CLM_COL_SRC_FILE] < 0) +
	    (h->canon[CLM_COL_SRC_LINE] < 0);
}

/*
 * A row longer than the header keeps its extra values after the added
 * columns and the status and edits columns the runtime appends, so that
 * filling those never overwrites one.
 */
static void
move_extra_values(const struct csv_src *cs, struct clm_row *row)
{
	size_t n = row->n, added = extras_offset(cs->h) - cs->nsrc;

	for (size_t i = 0; i < added; i++)
		clm_row_push(row, "", 0);
	/* shift the extras up by `added` (values are offsets: swap them) */
	for (size_t i = n; i-- > cs->nsrc;) {
		size_t off = row->off[i], len = row->len[i];

		row->off[i] = row->off[i + added];
		row->len[i] = row->len[i + added];
		row->off[i + added] = off;
		row->len[i + added] = len;
	}
}

/* Drop the values of the "= -" columns. */
static void
drop_values(const struct csv_src *cs, struct clm_row *row)
{
	size_t w = 0;

	for (size_t r = 0; r < row->n; r++) {
		if (r < cs->nraw && cs->drop[r])
			continue;
		row->off[w] = row->off[r];
		row->len[w] = row->len[r];
		w++;
	}
	row->n = w;
}

static int
all_empty(const struct clm_row *row)
{
	for (size_t i = 0; i < row->n; i++)
		if (row->len[i] > 0)
			return 0;
	return 1;
}

/* The header again: the claim id cell and most cells read as the header. */
static int
is_header_again(const struct csv_src *cs, const struct clm_row *row)
{
	size_t same = 0, filled = 0;
	char key[256];

	if (cs->id_raw < 0 || (size_t)cs->id_raw >= row->n)
		return 0;
	/* the cheap test first: this runs for every row */
	clm_map_key(clm_row_value(row, (size_t)cs->id_raw), key, sizeof(key));
	if (strcmp(key, cs->keys[cs->id_raw]) != 0)
		return 0;
	for (size_t i = 0; i < row->n && i < cs->nraw; i++) {
		if (row->len[i] == 0)
			continue;
		filled++;
		clm_map_key(clm_row_value(row, i), key, sizeof(key));
		same += strcmp(key, cs->keys[i]) == 0;
	}
	return same * 2 > filled;
}

/* A cell that opens with a totals or footer word. */
static int
footer_text(const char *v)
{
	static const char *const words[] = { "total", "totals", "grand total",
		"subtotal", "sub total", "sum", "count", "page", "end of",
		"report total", "records", "number of", "printed", "run date" };

	while (*v == ' ' || *v == '*' || *v == '-' || *v == '=')
		v++;
	/* the cheap test first: this runs for every row's claim id */
	if (strchr("tgscpenrTGSCPENR", *v) == NULL || *v == '\0')
		return 0;
	for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
		size_t n = strlen(words[i]);

		if (strncasecmp(v, words[i], n) == 0 &&
		    !isalnum((unsigned char)v[n]))
			return 1;
	}
	return 0;
}

/* A totals/footer row: no claim id of its own (or a footer word in its
 * place) and a footer word somewhere, or only one or two amounts. */
static int
is_footer(const struct csv_src *cs, const struct clm_row *row)
{
	const char *id = cs->id_raw >= 0 && (size_t)cs->id_raw < row->n ?
	    clm_row_value(row, (size_t)cs->id_raw) : "";

	size_t filled = 0, amounts = 0;

	if (id[0] != '\0')
		return footer_text(id);
	for (size_t i = 0; i < row->n; i++) {
		const char *v = clm_row_value(row, i);

		if (footer_text(v))
			return 1;
		if (v[0] == '\0')
			continue;
		filled++;
		/* money, not a code: "$735.00", "735.00" (not "97110") */
		amounts += strspn(v, "$0123456789.,-() ") == strlen(v) &&
		    strpbrk(v, "$.") != NULL;
	}
	/* a bare totals row: one or two amounts, nothing else */
	return filled > 0 && filled <= 2 && amounts == filled;
}

/* Rows that are not claims, each reported by row number only. */
static int
skip_row(struct clm_tool *t, struct csv_src *cs, const struct clm_row *row)
{
	const char *file = clm_in_name(cs->dec.in);

	if (all_empty(row)) {
		cs->pc->skipped[1]++;
		parse_file_finding(t, file, row->line, CLM_EDIT_PARSE_BLANK_ROW,
		    "row at line %ld has only empty cells: skipped", row->line);
		return 1;
	}
	if (is_header_again(cs, row)) {
		cs->pc->skipped[3]++;
		parse_file_finding(t, file, row->line,
		    CLM_EDIT_PARSE_HEADER_AGAIN, "row at line %ld repeats the "
		    "header (line %ld): skipped", row->line, cs->header_line);
		return 1;
	}
	if (is_footer(cs, row)) {
		cs->pc->skipped[2]++;
		parse_file_finding(t, file, row->line,
		    CLM_EDIT_PARSE_FOOTER_ROW, "row at line %ld is a totals or "
		    "footer row with no claim id: skipped", row->line);
		return 1;
	}
	return 0;
}

/* ="00951" (a rejects file's spreadsheet-safe form) is the text 00951. */
static void
unguard_cells(struct clm_row *row)
{
	for (size_t i = 0; i < row->n; i++) {
		size_t start, len = row->len[i];
		int n = clm_cells_unguard(clm_row_value(row, i), len, &start);
		char *text;

		if (n < 0)
			continue;
		/* copied first: setting a value may move the row's buffer */
		text = clm_xstrdup(clm_row_value(row, i) + start);
		clm_row_set_value(row, i, text, (size_t)n);
		free(text);
	}
}

/* Next raw row, padded with the added columns' empty values. */
static int
csv_row(void *p, struct clm_row *row, struct clm_error *err)
{
	struct csv_src *cs = p;
	int rc;

	do {
		if (cs->replay_at < cs->nreplay) {
			clm_row_copy(row, cs->replay[cs->replay_at]);
			clm_row_free(cs->replay[cs->replay_at++]);
			rc = 1;
		} else {
			rc = clm_csv_next(cs->csv, row, err);
		}
		cp1252_notice(&cs->dec, rc > 0 ? row : NULL);
	} while (rc > 0 && skip_row(cs->t, cs, row));
	if (rc <= 0)
		return rc;
	if (clm_record_is_trailer(row)) {	/* records from a tool */
		long end = row->line;

		if ((rc = clm_csv_next(cs->csv, row, err)) > 0)
			return clm_error_set(err, CLM_EFORMAT,
			    clm_in_name(cs->dec.in), row->line, "data after "
			    "the end-of-records line of line %ld", end);
		return rc;
	}
	if (cs->ndrop > 0)
		drop_values(cs, row);
	unguard_cells(row);
	if (row->n == cs->nsrc) {
		for (size_t i = cs->nsrc; i < cs->h->ncols; i++)
			clm_row_push(row, "", 0);
	} else if (row->n > cs->nsrc) {
		move_extra_values(cs, row);
	}
	return 1;
}

static int
grouped_row(void *p, struct clm_row *row, struct clm_error *err)
{
	return parse_group_next(((struct csv_src *)p)->grp, row, err);
}

static size_t
filled_cells(const struct clm_row *row)
{
	size_t n = 0;

	for (size_t i = 0; i < row->n; i++)
		n += row->len[i] > 0;
	return n;
}

/* Headers a row has that map to a column (or a profile rule). */
static int
known_headers(const struct parse_ctx *pc, const struct clm_row *row)
{
	int n = 0;

	for (size_t i = 0; i < row->n; i++) {
		enum clm_map_how how;
		const char *rename;

		n += clm_map_resolve(pc->map, clm_row_value(row, i), &how,
		    &rename) >= 0 || how == CLM_MAP_FILE;
	}
	return n;
}

#define MAX_TITLE_ROWS 10

/*
 * The header is the first row naming at least two columns clm-parse
 * knows; rows above it (a report title, a date range, blank rows) are
 * reported and skipped.  With no such row in the first rows, the first
 * row is the header, as it always was, and the rows read after it are
 * handed out again.
 */
static int
find_header(struct clm_tool *t, struct csv_src *cs, struct clm_row *names,
    struct clm_error *err)
{
	struct clm_row **held = clm_xcalloc(MAX_TITLE_ROWS + 1, sizeof(*held));
	size_t n = 0, k;
	int rc = 0, found = 0;

	while (n <= MAX_TITLE_ROWS) {
		held[n] = clm_row_new();
		if ((rc = clm_csv_next(cs->csv, held[n], err)) <= 0) {
			clm_row_free(held[n]);
			break;
		}
		n++;
		if (known_headers(cs->pc, held[n - 1]) >= 2) {
			found = 1;
			break;
		}
	}
	if (rc < 0 || n == 0) {
		for (size_t i = 0; i < n; i++)
			clm_row_free(held[i]);
		free(held);
		return rc;
	}
	k = found ? n - 1 : 0;
	/* rows above a header are short (a title, a period); a full row
	 * above it is data under a header clm-parse could not read */
	for (size_t i = 0; i < k; i++)
		if (filled_cells(held[i]) > 2 &&
		    filled_cells(held[i]) * 2 > filled_cells(held[k]))
			k = 0;
	clm_row_copy(names, held[k]);
	for (size_t i = 0; i < k; i++) {
		int blank = all_empty(held[i]);

		cs->pc->skipped[blank ? 1 : 0]++;
		parse_file_finding(t, clm_in_name(cs->dec.in), held[i]->line,
		    blank ? CLM_EDIT_PARSE_BLANK_ROW : CLM_EDIT_PARSE_TITLE_ROW,
		    "row at line %ld above the header (line %ld) is %s: "
		    "skipped", held[i]->line, names->line, blank ?
		    "empty" : "not the header (a title)");
	}
	for (size_t i = 0; i <= k; i++)
		clm_row_free(held[i]);
	/* rows read after the header are handed out first */
	cs->replay = held;
	cs->replay_at = k + 1;
	cs->nreplay = n;
	return 1;
}

static int
read_source_header(struct clm_tool *t, struct csv_src *cs,
    struct clm_error *err)
{
	struct clm_row *names = clm_row_new();
	int rc = find_header(t, cs, names, err);

	if (rc == 0)
		rc = clm_error_set(err, CLM_EFORMAT, clm_in_name(cs->dec.in),
		    1, "empty input: no header row");
	if (rc > 0)
		rc = map_header(t, cs, names, err);
	clm_row_free(names);
	return rc < 0 ? rc : 0;
}

int
parse_open_csv(struct clm_tool *t, struct clm_in *in, unsigned char delim,
    int ahead, struct parse_rows *s, struct clm_error *err)
{
	struct csv_src *cs = clm_xcalloc(1, sizeof(*cs));
	int rc;

	cs->pc = t->ctx;
	cs->t = t;
	cs->dec.in = in;
	cs->dec.t = t;
	clm_enc_utf8_init(&cs->dec.st);
	cs->csv = clm_csv_open_fn(decode_read, &cs->dec, clm_in_name(in),
	    delim);
	cs->dec.csv = cs->csv;
	cs->h = clm_header_new();
	if ((rc = read_source_header(t, cs, err)) < 0) {
		cp1252_notice(&cs->dec, NULL);
		close_csv(cs);
		return rc;
	}
	if (ahead)
		clm_csv_readahead(cs->csv);
	cs->pc->src_cols = cs->nsrc;
	cs->pc->row_cols = cs->h->ncols;
	cs->pc->moved = extras_offset(cs->h) - cs->nsrc;
	cs->grp = parse_group_new(cs->pc, csv_row, cs,
	    cs->h->canon[CLM_COL_CLAIM_ID], cs->pc->assign_line_no ? -1 :
	    cs->h->canon[CLM_COL_LINE_NO], clm_in_name(in),
	    ahead ? clm_in_name(in) : NULL, delim);
	s->next = grouped_row;
	s->src = cs;
	s->h = cs->h;
	s->close = close_csv;
	return 0;
}
