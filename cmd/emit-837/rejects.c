/*
 * clm-emit-837 --rejects: the held-back claims as records a biller fixes
 * in a spreadsheet and runs again from clm-parse.  Every value is written
 * so that a spreadsheet keeps it (clm_cells_guard: ="00951"; pointers as
 * letters "A B"), `edits` marks the ids that are not errors ("NORM-DATE(info)")
 * and an added `reason` column says the errors in words.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clm_cells.h"
#include "clm_io.h"
#include "rejects.h"

#define REASON_MAX 4096

/*
 * The header: the records' names, or with --rejects-headers the export's
 * own where the claim's src_columns has one (src_columns itself is left
 * out: clm-parse --keep-headers makes it again).
 */
static int
write_header(struct emit_rejects *r, const struct clm_row *first,
    struct clm_error *err)
{
	struct clm_header *out;
	const char *map;
	char name[512];

	r->header_done = 1;
	if (!r->export_headers)
		return clm_record_write_header(r->out, r->h, err);
	map = first != NULL && r->skip >= 0 ?
	    clm_row_get(first, r->src, CLM_COL_SRC_COLUMNS) : "";
	out = clm_header_new();
	for (size_t i = 0; i < r->h->ncols; i++) {
		if ((int)i == r->skip)
			continue;
		if (clm_cells_srccols_find(map, r->h->names[i], name,
		    sizeof(name)))
			clm_header_add(out, name);
		else
			clm_header_add(out, r->h->names[i]);
	}
	r->wh = out;
	return clm_record_write_header(r->out, out, err);
}

int
emit_rejects_finish(struct emit_rejects *r, struct clm_error *err)
{
	return r->out != NULL && !r->header_done ? write_header(r, NULL, err) :
	    0;
}

int
emit_rejects_open(struct emit_rejects *r, struct clm_out *out,
    const struct clm_header *h, int export_headers, struct clm_error *err)
{
	memset(r, 0, sizeof(*r));
	r->export_headers = export_headers;
	r->skip = export_headers ? h->canon[CLM_COL_SRC_COLUMNS] : -1;
	r->out = out;
	r->src = h;
	r->h = clm_header_new();
	for (size_t i = 0; i < h->ncols; i++)
		clm_header_add(r->h, h->names[i]);
	r->reason = clm_header_find(r->h, "reason");
	if (r->reason < 0)	/* a rejects file run again has one */
		r->reason = (int)clm_header_add(r->h, "reason");
	r->row = clm_row_new();
	return export_headers ? 0 : write_header(r, NULL, err);
}

void
emit_rejects_close(struct emit_rejects *r)
{
	clm_header_free(r->h);
	clm_header_free(r->wh);
	clm_row_free(r->row);
	memset(r, 0, sizeof(*r));
}

/* The message of this run's error finding id on line (or the claim's). */
static const char *
run_message(const struct clm_findings *f, const char *id, long line)
{
	for (size_t i = 0; f != NULL && i < f->n; i++)
		if (f->v[i].severity == CLM_SEV_ERROR &&
		    strcmp(f->v[i].edit, id) == 0 &&
		    (f->v[i].line == 0 || f->v[i].line == line))
			return f->v[i].msg;
	return NULL;
}

/* Severity of an id: the catalogue's, this run's finding's, else -1. */
static int
id_severity(const struct clm_findings *f, const char *id)
{
	int e = clm_edit_lookup(id);

	if (e >= 0)
		return (int)clm_edit_info((enum clm_edit)e)->severity;
	for (size_t i = 0; f != NULL && i < f->n; i++)
		if (strcmp(f->v[i].edit, id) == 0)
			return (int)f->v[i].severity;
	return -1;
}

/*
 * edits "A;B;C" -> marked (non-errors get "(warning)"/"(info)") and the
 * reason text of the errors (unknown ids, such as payer rules of an
 * earlier run, count as errors: the claim was held back for something).
 */
static void
explain(const struct clm_findings *f, const char *edits, long line,
    char *marked, size_t msize, char *reason, size_t rsize)
{
	size_t mu = 0, ru = 0;

	marked[0] = reason[0] = '\0';
	for (const char *p = edits; *p != '\0';) {
		const char *end = strchr(p, ';');
		size_t len = end ? (size_t)(end - p) : strlen(p);
		char id[64];
		int sev;

		snprintf(id, sizeof(id), "%.*s", (int)(len < 63 ? len : 63), p);
		p += len + (end != NULL);
		if (id[0] == '\0')
			continue;
		sev = id_severity(f, id);
		if (mu < msize)
			mu += (size_t)snprintf(marked + mu, msize - mu, "%s%s%s",
			    mu > 0 ? ";" : "", id, sev == CLM_SEV_INFO ?
			    "(info)" : sev == CLM_SEV_WARNING ? "(warning)" : "");
		if (sev == CLM_SEV_ERROR || sev < 0) {
			const char *msg = run_message(f, id, line);
			int e = clm_edit_lookup(id);

			if (msg == NULL)
				msg = e >= 0 ? clm_edit_info(
				    (enum clm_edit)e)->text : "see the report";
			if (ru < rsize)
				ru += (size_t)snprintf(reason + ru, rsize - ru,
				    "%s%s: %s", ru > 0 ? "; " : "", id, msg);
		}
	}
}

int
emit_rejects_write(struct emit_rejects *r, const struct clm_claim *c,
    const struct clm_findings *f, struct clm_error *err)
{
	const struct clm_header *h = r->src;
	char *marked = clm_xmalloc(REASON_MAX), *reason = clm_xmalloc(REASON_MAX);
	char *buf = clm_xmalloc(REASON_MAX);
	int rc = 0;

	if (!r->header_done && c->n > 0)
		rc = write_header(r, c->rows[0], err);
	for (size_t k = 0; rc == 0 && k < c->n; k++) {
		const struct clm_row *src = c->rows[k];
		size_t n = src->n > h->ncols ? src->n : h->ncols;
		long line = strtol(clm_row_get(src, h, CLM_COL_LINE_NO), NULL,
		    10);

		explain(f, clm_row_get(src, h, CLM_COL_EDITS), line, marked,
		    REASON_MAX, reason, REASON_MAX);
		clm_row_reset(r->row);
		for (size_t i = 0; i < n; i++) {
			const char *v = i < src->n ? clm_row_value(src, i) : "";

			if (i == h->ncols && r->reason == (int)h->ncols)
				clm_row_push(r->row, reason, strlen(reason));
			if ((int)i == r->skip)
				continue;
			if ((int)i == r->reason && i < h->ncols)
				v = reason;
			else if ((int)i == h->canon[CLM_COL_EDITS])
				v = marked;
			else if ((int)i == h->canon[CLM_COL_DX_PTR] &&
			    clm_cells_dx_ptr_letters(v, buf, REASON_MAX) > 0)
				v = buf;
			else if (clm_cells_guard(v, buf, REASON_MAX) > 0)
				v = buf;
			clm_row_push(r->row, v, strlen(v));
		}
		if (n == h->ncols && r->reason == (int)h->ncols)
			clm_row_push(r->row, reason, strlen(reason));
		rc = clm_record_write_row(r->out, r->wh ? r->wh : r->h,
		    r->row, err);
	}
	free(marked);
	free(reason);
	free(buf);
	return rc;
}
