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
	struct decoder dec;
	struct clm_csv *csv;
	struct clm_header *h;
	size_t nsrc;			/* columns of the source header */
	int dx_list, mod_list;		/* dx / mod cells under export names */
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

/* Canonical column for a source header, -1 to pass it through. */
static int
map_column(struct parse_ctx *pc, const struct clm_header *h,
    const char *src, enum clm_map_how *how)
{
	int col = clm_map_lookup_how(pc->map, src, how);

	/* pipeline columns only under their exact names (re-parsed records) */
	if ((col == CLM_COL_STATUS || col == CLM_COL_EDITS) &&
	    strcmp(src, clm_column_name(col)) != 0)
		col = -1;
	if (col >= 0 && h->canon[col] >= 0)
		col = next_in_series(h, col);
	if (col >= 0 && h->canon[col] >= 0 && col == CLM_COL_DX_PTR &&
	    pc->nptr_cols < 16)
		return -2;	/* another pointer column: joined */
	if (col >= 0 && h->canon[col] >= 0)
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

static void
add_source_column(struct clm_tool *t, struct csv_src *cs, const char *src,
    FILE *map_out)
{
	struct parse_ctx *pc = cs->pc;
	enum clm_map_how how;
	int col = map_column(pc, cs->h, src, &how);
	size_t at;

	if (col >= 0) {
		if (how != CLM_MAP_CANONICAL) {
			cs->dx_list |= col >= CLM_COL_DX1 && col <= CLM_COL_DX12;
			cs->mod_list |= col >= CLM_COL_MOD1 &&
			    col <= CLM_COL_MOD4;
		}
		clm_header_add(cs->h, clm_column_name(col));
		if (map_out != NULL && clm_map_lookup(pc->map, src) != col)
			fprintf(map_out, "# %s: %s (a repeated header takes "
			    "the next free column)\n", src,
			    clm_column_name(col));
		else if (map_out != NULL)
			print_line(map_out, src, clm_column_name(col),
			    how_name(how));
		return;
	}
	at = add_unique(cs->h, src);
	if (col == -2) {
		pc->ptr_cols[pc->nptr_cols++] = (int)at;
		if (map_out != NULL)
			fprintf(map_out, "# %s: joined into dx_ptr, and "
			    "passed through\n", src);
		return;
	}
	if (map_out != NULL)
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

	pc->nptr_cols = 0;
	if (map_out != NULL)
		fprintf(map_out, "# clm-parse: header map of %s (usable as "
		    "--map FILE)\n", clm_in_name(cs->dec.in));
	for (size_t i = 0; i < names->n; i++)
		add_source_column(t, cs, clm_row_value(names, i), map_out);
	cs->nsrc = names->n;
	keep_headers(cs, names);
	add_derived_columns(cs, map_out);
	if (cs->h->canon[CLM_COL_CLAIM_ID] < 0)
		return clm_error_set(err, CLM_EFORMAT, clm_in_name(cs->dec.in),
		    names->line, "no claim id column (name one with --map, "
		    "e.g. 'Ticket = claim_id')");
	return clm_header_check(cs->h, clm_in_name(cs->dec.in), err);
}

/* ---- the source ---- */

static void
close_csv(void *p)
{
	struct csv_src *cs = p;

	parse_group_free(cs->grp);
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
	int rc = clm_csv_next(cs->csv, row, err);

	cp1252_notice(&cs->dec, rc > 0 ? row : NULL);
	if (rc <= 0)
		return rc;
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

static int
read_source_header(struct clm_tool *t, struct csv_src *cs,
    struct clm_error *err)
{
	struct clm_row *names = clm_row_new();
	int rc = clm_csv_next(cs->csv, names, err);

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
    int ahead, struct clm_tool_source *s, struct clm_error *err)
{
	struct csv_src *cs = clm_xcalloc(1, sizeof(*cs));
	int rc;

	cs->pc = t->ctx;
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
	    cs->h->canon[CLM_COL_LINE_NO], clm_in_name(in));
	s->next = grouped_row;
	s->src = cs;
	s->h = cs->h;
	s->name = clm_in_name(in);
	s->close = close_csv;
	return 0;
}
