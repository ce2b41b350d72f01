/*
 * clm-parse: the practice profile at work (docs/profile.md): [defaults]
 * columns added to the header and filled where empty, [values] applied to
 * cells, every default used counted; required 837P columns with no
 * source and no default reported once per run with their candidates;
 * file-level findings (rows that are not claims); --print-profile.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "clm_edit_required.h"
#include "parse.h"

/* A finding about the file, not a claim: counted and reported; printed
 * with -v when info, unless -q when a warning (like the column notices). */
void
parse_file_finding(struct clm_tool *t, const char *file, long line,
    enum clm_edit e, const char *fmt, ...)
{
	const struct clm_edit_info *info = clm_edit_info(e);
	struct clm_findings f;
	struct clm_error err;
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	t->nfind[info->severity]++;
	if (info->severity == CLM_SEV_INFO ? t->verbose : !t->quiet)
		fprintf(stderr, "%s:%ld: %s: [%s] %s\n", file, line,
		    clm_severity_name(info->severity), info->id, msg);
	if (t->report == NULL)
		return;
	clm_findings_init(&f);
	clm_finding_add(&f, e, 0, "", "%s", msg);
	clm_error_clear(&err);
	if (clm_report_write(t->report, "", &f, &err) < 0)
		clm_tool_error(t, &err);
	clm_findings_free(&f);
}

/* Suggested constants for --print-profile (docs/record-format.md). */
static const char *
suggestion(int col)
{
	switch (col) {
	case CLM_COL_PROV_SIGNATURE: return "Y";
	case CLM_COL_ACCEPT_ASSIGN: return "A";
	case CLM_COL_BENEFITS_ASSIGN: return "Y";
	case CLM_COL_RELEASE_INFO: return "Y";
	case CLM_COL_PAYER_SEQ: return "P";
	case CLM_COL_POS: return "11";
	default: return "";
	}
}

/* The word of a column an export's header for it likely holds. */
static const char *
column_word(int col)
{
	static const struct {
		int col;
		const char *word;
	} words[] = {
		{ CLM_COL_BILL_TIN, "tax" }, { CLM_COL_BILL_ADDR1, "addr" },
		{ CLM_COL_POS, "place" }, { CLM_COL_DX1, "diag" },
		{ CLM_COL_FILING_IND, "type" }, { CLM_COL_PAYER_SEQ, "seq" },
		{ CLM_COL_PROV_SIGNATURE, "sign" },
		{ CLM_COL_ACCEPT_ASSIGN, "assign" },
		{ CLM_COL_BENEFITS_ASSIGN, "benefit" },
		{ CLM_COL_RELEASE_INFO, "release" },
		{ CLM_COL_DOS_FROM, "date" }, { CLM_COL_PROC, "cpt" },
		{ CLM_COL_PAYER_ID, "payer" }, { CLM_COL_SUB_ID, "member" },
	};
	const char *name = clm_column_name(col), *us = strrchr(name, '_');

	for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (words[i].col == col)
			return words[i].word;
	return us ? us + 1 : name;
}

/* Headers passed through under their own names whose words fit col. */
static void
candidates(const struct clm_header *h, const struct clm_row *names, int col,
    char *out, size_t size)
{
	const char *word = column_word(col);
	size_t used = 0;

	out[0] = '\0';
	for (size_t i = 0; i < names->n && used + 1 < size; i++) {
		const char *src = clm_row_value(names, i);
		char key[256];
		int n;

		clm_map_key(src, key, sizeof(key));
		if (clm_header_find(h, src) < 0 || clm_column_lookup(src) >= 0 ||
		    strstr(key, word) == NULL)
			continue;
		n = snprintf(out + used, size - used, "%s'%s'",
		    used > 0 ? ", " : "", src);
		if (n < 0 || (size_t)n >= size - used)
			break;
		used += (size_t)n;
	}
}

/* The 837P columns every claim needs (the one table, lib/edits). */
static int
always_required(size_t i)
{
	return clm_required_837p[i].when == CLM_REQ_ALWAYS ||
	    clm_required_837p[i].when == CLM_REQ_LINE;
}

static void
print_missing(FILE *out, const struct clm_header *h,
    const struct clm_row *names, const struct parse_ctx *pc)
{
	char cand[512];

	fprintf(out, "\n[defaults]\n# columns the 837P needs that this "
	    "export does not have: give each a value\n# here (claim "
	    "constants) or map a header to it under [columns]\n");
	for (size_t i = 0; i < clm_required_837p_n; i++) {
		int col = clm_required_837p[i].col;
		const struct clm_profile_default *d;

		if (!always_required(i))
			continue;
		d =
		    clm_profile_default(pc->profile, col);

		if (d != NULL) {
			fprintf(out, "%s = %s\n", clm_column_name(col),
			    d->value);
			continue;
		}
		if (h->canon[col] >= 0)
			continue;
		candidates(h, names, col, cand, sizeof(cand));
		fprintf(out, "# %s =%s%s%s%s\n", clm_column_name(col),
		    suggestion(col)[0] ? " " : "", suggestion(col),
		    cand[0] ? "    # candidates: " : "", cand);
	}
	fprintf(out, "\n[values]\n# column: export value = canonical value, "
	    "for example\n# filing_ind: Commercial = CI\n# pat_rel: Self = "
	    "18\n");
}

void
parse_profile_columns(struct clm_tool *t, struct clm_header *h,
    const char *file, const struct clm_row *names, FILE *map_out)
{
	struct parse_ctx *pc = t->ctx;
	char cand[512], list[4096];
	size_t used = 0;
	int count = 0;

	list[0] = '\0';
	for (size_t i = 0; i < clm_profile_ndefaults(pc->profile); i++)
		clm_header_ensure(h, clm_profile_default_at(pc->profile,
		    i)->col);
	if (map_out != NULL && pc->print_map == 2) {
		print_missing(map_out, h, names, pc);
		return;
	}
	if (map_out != NULL || pc->missing_noted)
		return;
	pc->missing_noted = 1;
	for (size_t i = 0; i < clm_required_837p_n; i++) {
		int col = clm_required_837p[i].col;
		int n;

		if (!always_required(i) || h->canon[col] >= 0)
			continue;
		candidates(h, names, col, cand, sizeof(cand));
		n = snprintf(list + used, sizeof(list) - used, "%s%s%s%s%s",
		    used > 0 ? ", " : "", clm_column_name(col),
		    cand[0] ? " (candidates " : "", cand, cand[0] ? ")" : "");
		if (n < 0 || (size_t)n >= sizeof(list) - used)
			break;
		used += (size_t)n;
		count++;
	}
	if (count > 0)
		parse_file_finding(t, file, names->line, CLM_EDIT_PARSE_NO_COLUMN,
		    "%d column%s the 837P requires %s no source column and no "
		    "profile default, so every claim will lack %s: %s; map "
		    "them in the profile [columns] or set [defaults] "
		    "(--print-profile writes a starting profile)", count,
		    count > 1 ? "s" : "", count > 1 ? "have" : "has",
		    count > 1 ? "them" : "it", list);
}

/* [values] then [defaults] on every row of a claim; counts defaults. */
void
parse_profile_apply(struct parse_ctx *pc, const struct clm_header *h,
    struct clm_claim *c, struct clm_findings *f)
{
	const struct clm_profile *p = pc->profile;
	size_t nd = clm_profile_ndefaults(p);

	for (int col = 0; pc->has_values && col < CLM_COL_COUNT; col++) {
		if (h->canon[col] < 0 || !clm_profile_has_values(p, col))
			continue;
		for (size_t i = 0; i < c->n; i++) {
			const char *to = clm_profile_value(p, col,
			    clm_row_get(c->rows[i], h, col));

			if (to != NULL)
				clm_row_set(c->rows[i], h, col, to);
		}
	}
	for (size_t k = 0; k < nd && k < PARSE_MAX_DEFAULTS; k++) {
		const struct clm_profile_default *d =
		    clm_profile_default_at(p, k);
		int used = 0, given = 0;

		/* a claim-level value given on some rows is the claim's: the
		 * default fills none of its rows (a conflict stays visible) */
		for (size_t i = 0; !clm_column_is_line(d->col) && i < c->n; i++)
			given |= clm_row_get(c->rows[i], h, d->col)[0] != '\0';
		for (size_t i = 0; !given && i < c->n; i++) {
			if (clm_row_get(c->rows[i], h, d->col)[0] != '\0')
				continue;
			clm_row_set(c->rows[i], h, d->col, d->value);
			used = 1;
		}
		if (!used)
			continue;
		if (pc->default_claims[k]++ == 0)
			clm_finding_add(f, CLM_EDIT_PARSE_DEFAULT, 0,
			    clm_column_name(d->col), "%s is not in the export "
			    "or empty: the profile default (%s line %ld) fills "
			    "it here and on later claims; the summary counts "
			    "them", clm_column_name(d->col),
			    clm_profile_name(p), d->line);
	}
}

/* After the last claim: what the profile filled, and the skipped rows. */
int
parse_finish(struct clm_tool *t)
{
	struct parse_ctx *pc = t->ctx;
	size_t nd = clm_profile_ndefaults(pc->profile);
	char line[2048];
	size_t used = 0;

	line[0] = '\0';
	for (size_t k = 0; k < nd && k < PARSE_MAX_DEFAULTS; k++) {
		const struct clm_profile_default *d =
		    clm_profile_default_at(pc->profile, k);
		int n;

		if (pc->default_claims[k] == 0)
			continue;
		/* the count in the report too, at the profile's line */
		parse_file_finding(t, clm_profile_name(pc->profile), d->line,
		    CLM_EDIT_PARSE_DEFAULT, "the profile default for %s "
		    "filled %lu claims", clm_column_name(d->col),
		    pc->default_claims[k]);
		n = snprintf(line + used, sizeof(line) - used, "%s%s on %lu",
		    used > 0 ? ", " : "", clm_column_name(
		    clm_profile_default_at(pc->profile, k)->col),
		    pc->default_claims[k]);
		if (n < 0 || (size_t)n >= sizeof(line) - used)
			break;
		used += (size_t)n;
	}
	if (t->quiet)
		return 0;
	if (used > 0)
		clm_tool_warn(t, "profile %s: defaults filled %s claims",
		    clm_profile_name(pc->profile), line);
	if (pc->skipped[0] + pc->skipped[1] + pc->skipped[2] + pc->skipped[3])
		clm_tool_warn(t, "rows that are not claims, skipped: %lu "
		    "title, %lu blank, %lu totals or footer, %lu repeated "
		    "header (-v names the rows)", pc->skipped[0],
		    pc->skipped[1], pc->skipped[2], pc->skipped[3]);
	return 0;
}
