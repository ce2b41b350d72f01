/*
 * clm-response: TA1, 999, 277CA and 835 files back onto the claims sent
 * (through the sent archive of clm-emit-837 --archive): one CSV record per
 * claim answered and per 835 service line, the rejected and denied claims
 * as records to fix and resend, and the denial report.
 *
 * Each response file is read whole into results (small: one per claim
 * answered); the runtime then gets one internal row per result, so that
 * findings, --report, the summary and the exit status are the shared ones.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "clm_money.h"
#include "clm_date.h"
#include "clm_io.h"
#include "response.h"

enum { OPT_ARCHIVE = 2000, OPT_REJECTS, OPT_RESEND, OPT_DENIALS,
	OPT_DENIALS_HTML,
	OPT_PRUNE, OPT_CODESETS };

static const struct option longopts[] = {
	{ "archive", required_argument, NULL, OPT_ARCHIVE },
	{ "rejects", required_argument, NULL, OPT_REJECTS },
	{ "resend", required_argument, NULL, OPT_RESEND },
	{ "denials", required_argument, NULL, OPT_DENIALS },
	{ "denials-html", required_argument, NULL, OPT_DENIALS_HTML },
	{ "prune-archive", required_argument, NULL, OPT_PRUNE },
	{ "codesets", required_argument, NULL, OPT_CODESETS },
	{ NULL, 0, NULL, 0 },
};

static const char *const out_cols[] = {
	"claim_id", "source_file", "source_line", "line_no", "status",
	"codes", "reason", "response", "response_file", "response_seg",
	"isa13", "gs06", "st02", "proc", "billed", "paid", "patient_resp",
	"adjustments", "payer_claim_ctl", "payer_id",
};
#define NOUT (sizeof(out_cols) / sizeof(out_cols[0]))

static int
resp_option(struct clm_tool *t, int opt, const char *arg)
{
	struct resp_ctx *x = t->ctx;

	switch (opt) {
	case OPT_ARCHIVE:
		x->archive_path = arg;
		return 0;
	case OPT_REJECTS:
		x->rejects_path = arg;
		return 0;
	case OPT_DENIALS:
		x->denials_path = arg;
		return 0;
	case OPT_DENIALS_HTML:
		x->denials_html_path = arg;
		return 0;
	case OPT_CODESETS:
		x->codesets = arg;
		return 0;
	case OPT_RESEND:
		if (strcmp(arg, "replace") != 0 && strcmp(arg, "void") != 0) {
			clm_tool_warn(t, "--resend takes replace or void");
			return -1;
		}
		x->resend = arg;
		return 0;
	case OPT_PRUNE:
		x->prune_before = clm_date_parse(arg);
		if (x->prune_before <= 0) {
			clm_tool_warn(t, "--prune-archive takes a date "
			    "CCYYMMDD");
			return -1;
		}
		return 0;
	default:
		return -1;
	}
}

/* ---- the source: results as internal rows ----------------------------- */

/*
 * Results are made one response item at a time.  The runtime's grouper
 * reads one row ahead, so a refill keeps the last result handed out (its
 * claim is not processed yet); rows name results by sequence number.
 */
static int
refill(struct resp_ctx *x, struct clm_error *err)
{
	struct clm_resp_item *it;
	int rc;

	if (x->next > 0) {
		x->v[0] = x->v[x->next - 1];
		x->base += x->next - 1;
		x->n = x->next = 1;
	}
	while (x->n == x->next) {
		if (x->rd == NULL ||
		    (rc = clm_resp_next(x->rd, &it, err)) == 0)
			return 0;
		if (rc < 0)
			return rc;
		resp_match_item(x, it, x->rd_name);
	}
	return 1;
}

static int
result_next(void *src, struct clm_row *row, struct clm_error *err)
{
	struct resp_ctx *x = src;
	char idx[24];
	struct resp_result *r;
	int rc;

	for (;;) {
		while (x->next < x->n && x->v[x->next].status == NULL &&
		    x->v[x->next].edit < 0)
			x->next++;
		if (x->next < x->n)
			break;
		if ((rc = refill(x, err)) <= 0)
			return rc;
	}
	r = &x->v[x->next];
	snprintf(idx, sizeof(idx), "%zu", x->base + x->next++);
	clm_row_reset(row);
	clm_row_push(row, r->claim_id, strlen(r->claim_id));
	clm_row_push(row, "1", 1);	/* every result is its own claim */
	clm_row_push(row, idx, strlen(idx));
	row->line = r->resp_pos;
	return 1;
}

static void
close_response(void *src)
{
	struct resp_ctx *x = src;

	clm_resp_close(x->rd);
	clm_in_close(x->in);
	x->rd = NULL;
	x->in = NULL;
}

static long
read_in(void *ctx, void *buf, size_t size, struct clm_error *err)
{
	return clm_in_read(ctx, buf, size, err);
}

static int
load_archive(struct clm_tool *t, struct resp_ctx *x, struct clm_error *err)
{
	(void)t;
	if (x->cs == NULL) {
		struct clm_error cerr;

		/* no index: the codes are still written, without words */
		x->cs = clm_codeset_open_default(x->codesets, &cerr);
		if (x->cs == NULL && x->codesets != NULL) {
			*err = cerr;
			return -CLM_EIO;
		}
	}
	if (x->archive != NULL || x->archive_path == NULL)
		return 0;
	x->archive = clm_archive_load(x->archive_path, err);
	return x->archive == NULL ? -CLM_EIO : 0;
}

static int
prune(struct clm_tool *t, struct resp_ctx *x, struct clm_error *err)
{
	size_t kept, removed;
	int rc;

	if (x->archive_path == NULL || t->ninputs > 0) {
		clm_tool_warn(t, "--prune-archive needs --archive FILE and no "
		    "response files");
		return -CLM_EUSAGE;
	}
	rc = clm_archive_prune(x->archive_path, x->prune_before, &kept,
	    &removed, err);
	if (rc == 0 && !t->quiet)
		clm_tool_warn(t, "archive pruned: %zu batches removed, %zu "
		    "kept", removed, kept);
	return rc;
}

static int
open_response(struct clm_tool *t, const char *path,
    struct clm_source **s, struct clm_error *err)
{
	struct resp_ctx *x = t->ctx;
	const char *name = "-";
	int rc;

	if (x->h == NULL) {
		x->h = clm_header_new();
		clm_header_add(x->h, "claim_id");
		clm_header_add(x->h, "line_no");
		clm_header_add(x->h, "resp_index");
	}
	x->n = x->next = x->base = 0;
	x->nfile++;
	if (x->prune_before > 0) {
		if ((rc = prune(t, x, err)) == 0)
			*s = clm_source_rows(result_next, x, close_response,
			    x->h, name);
		return rc;
	}
	if ((rc = load_archive(t, x, err)) < 0)
		return rc;
	if ((x->in = clm_in_open(path, err)) == NULL)
		return -CLM_EIO;
	name = x->rd_name = clm_in_name(x->in);
	x->rd = clm_resp_open(read_in, x->in, x->rd_name);
	resp_match_reset();
	*s = clm_source_rows(result_next, x, close_response, x->h, name);
	return 0;
}

/* ---- output ----------------------------------------------------------- */

static int
put(struct clm_out *out, const char *v, int first, struct clm_error *err)
{
	if (!first && clm_out_write(out, ",", 1, err) < 0)
		return -CLM_EIO;
	return clm_record_write_field(out, v, strlen(v), err);
}

static void
money(char *buf, size_t size, int has, long long v)
{
	if (has)
		clm_money_format(v, buf, size);
	else
		buf[0] = '\0';
}

static int
write_result(struct resp_ctx *x, const struct resp_result *r,
    struct clm_error *err)
{
	const struct clm_archive_claim *c = r->claim >= 0 ?
	    clm_archive_claim(x->archive, (size_t)r->claim) : NULL;
	const struct clm_archive_batch *b = c ?
	    clm_archive_batch(x->archive, c->batch) : NULL;
	char line[32] = "", lno[24] = "", pos[24], billed[32], paid[32],
	    pr[32];
	const char *v[NOUT];
	int rc = 0;

	if (c != NULL) {
		long l = c->first_row;

		for (size_t k = 0; r->is_line && k < c->nlines; k++)
			if (c->lines[k].line_no == r->line_no)
				l = c->lines[k].line;
		snprintf(line, sizeof(line), "%ld", l);
	}
	if (r->is_line)
		snprintf(lno, sizeof(lno), "%ld", r->line_no);
	snprintf(pos, sizeof(pos), "%ld", r->resp_pos);
	money(billed, sizeof(billed), r->has_billed, r->billed);
	money(paid, sizeof(paid), r->has_paid, r->paid);
	money(pr, sizeof(pr), r->has_pr, r->pr);
	v[0] = r->claim_id;
	v[1] = c ? c->source : "";
	v[2] = line;
	v[3] = lno;
	v[4] = r->status;
	v[5] = r->codes;
	v[6] = r->reason;
	v[7] = r->rtype;
	v[8] = r->resp_file;
	v[9] = pos;
	v[10] = b ? b->isa13 : "";
	v[11] = b ? b->gs06 : "";
	v[12] = c ? c->st02 : "";
	v[13] = r->proc;
	v[14] = billed;
	v[15] = paid;
	v[16] = pr;
	v[17] = r->adjustments;
	v[18] = r->payer_ctl;
	v[19] = r->payer_id[0] ? r->payer_id : c ? c->payer_id : "";
	for (size_t i = 0; rc == 0 && i < NOUT; i++)
		rc = put(x->out, v[i], i == 0, err);
	if (rc == 0)
		rc = clm_out_write(x->out, "\n", 1, err);
	return rc;
}

static int
resp_start(struct clm_tool *t, struct clm_header *h)
{
	struct resp_ctx *x = t->ctx;
	struct clm_error err;
	int rc = 0;

	(void)h;
	clm_error_clear(&err);
	if (x->prune_before > 0)
		return 0;
	if ((x->out = clm_out_open(t->output_path, &err)) == NULL)
		rc = -1;
	clm_tool_add_output(t, x->out);	/* committed first, with the rest */
	for (size_t i = 0; rc == 0 && i < NOUT; i++)
		rc = put(x->out, out_cols[i], i == 0, &err);
	if (rc == 0)
		rc = clm_out_write(x->out, "\n", 1, &err);
	if (rc < 0)
		clm_tool_error(t, &err);
	return rc;
}

static void
keep(struct resp_ctx *x, const struct resp_result *r)
{
	struct resp_kept *k;

	if (x->nkept == x->capkept) {
		x->capkept = x->capkept ? x->capkept * 2 : 64;
		x->kept = clm_xrealloc(x->kept, x->capkept *
		    sizeof(*x->kept));
	}
	k = &x->kept[x->nkept++];
	if (x->nfiles == 0 ||
	    strcmp(x->files[x->nfiles - 1], r->resp_file) != 0) {
		x->files = clm_xrealloc(x->files, (x->nfiles + 1) *
		    sizeof(*x->files));
		x->files[x->nfiles++] = clm_xstrdup(r->resp_file);
	}
	k->status = r->status;
	k->claim = r->claim;
	k->is_line = r->is_line;
	k->fixable = r->fixable;
	memcpy(k->rtype, r->rtype, sizeof(k->rtype));
	k->resp_file = x->files[x->nfiles - 1];
	k->codes = clm_xstrdup(r->codes);
	k->reason = clm_xstrdup(r->reason);
	memcpy(k->payer_ctl, r->payer_ctl, sizeof(k->payer_ctl));
	memcpy(k->payer_id, r->payer_id, sizeof(k->payer_id));
}

/* The sink: each result claim is accounted for and written as a status
 * record (not as the placeholder rows it travelled in). */
static int
resp_sink(struct clm_tool *t, struct clm_item *it)
{
	struct clm_claim *c = &it->c;
	struct clm_findings *f = &it->f;
	struct resp_ctx *x = t->ctx;
	const char *idx = clm_row_value(c->rows[0], 2);
	struct resp_result *r = &x->v[strtoul(idx, NULL, 10) - x->base];
	struct clm_error err;

	if (r->edit >= 0)
		clm_finding_add(f, (enum clm_edit)r->edit, 0, "", "%s",
		    r->msg);
	if (r->warn_unbalanced)
		clm_finding_add(f, CLM_EDIT_RESP_UNBALANCED, 0, "", "835 "
		    "claim charge minus its adjustments is not its payment; "
		    "amounts shown as sent");
	clm_tool_account(t, c, f);
	if (r->status == NULL)
		return 0;
	if (strcmp(r->status, "adjusted") == 0 && !r->duplicate) {
		if (x->nplb == x->capplb) {
			x->capplb = x->capplb ? x->capplb * 2 : 16;
			x->plb = clm_xrealloc(x->plb, x->capplb *
			    sizeof(*x->plb));
		}
		x->plb[x->nplb++] = *r;
	}
	if (r->claim >= 0 && !r->duplicate &&
	    (strcmp(r->status, "rejected") == 0 ||
	    strcmp(r->status, "denied") == 0 ||
	    strcmp(r->status, "partly-paid") == 0))
		keep(x, r);
	if (x->out != NULL && write_result(x, r, &err) < 0) {
		clm_tool_error(t, &err);
		return -1;
	}
	return 0;
}

/* ---- --rejects -------------------------------------------------------- */

/* The last claim answer kept for each archive claim (latest file, latest
 * position): index into kept, by claim; the caller frees it. */
static size_t *
last_answers(const struct resp_ctx *x)
{
	size_t nc = clm_archive_nclaims(x->archive);
	size_t *last = clm_xcalloc(nc + 1, sizeof(*last));

	for (size_t k = 0; k < x->nkept; k++)
		if (!x->kept[k].is_line && (size_t)x->kept[k].claim < nc)
			last[x->kept[k].claim] = k + 1;	/* 0: none */
	return last;
}

static int
write_reject_rows(struct clm_tool *t, struct resp_ctx *x, struct clm_out *out,
    const struct clm_header *oh, const struct resp_kept *r,
    struct clm_error *err)
{
	const struct clm_archive_claim *c =
	    clm_archive_claim(x->archive, (size_t)r->claim);
	const struct clm_header *h = clm_archive_batch(x->archive,
	    c->batch)->h;
	struct clm_claim rows;
	int rc, resend = x->resend != NULL &&
	    (strcmp(r->rtype, "835") == 0 || r->payer_ctl[0] != '\0');

	if (resend && r->payer_ctl[0] == '\0') {
		clm_tool_warn(t, "claim %s: %s: no payer claim control "
		    "number to resend it as a %s: written unchanged "
		    "(RESP-NO-ORIG-REF)", c->clm01, r->resp_file, x->resend);
		resend = 0;
	}
	/* the records are read back from the archive file, claim by claim */
	if ((rc = clm_archive_rows(x->archive, (size_t)r->claim, &rows,
	    err)) < 0)
		return rc;
	for (size_t k = 0; rc == 0 && k < rows.n; k++) {
		const struct clm_row *row = rows.rows[k];

		for (size_t i = 0; rc == 0 && i < oh->ncols; i++) {
			int col = clm_column_lookup(oh->names[i]);
			int src = clm_header_find(h, oh->names[i]);
			const char *v = src >= 0 ?
			    clm_row_value(row, (size_t)src) : "";

			if (strcmp(oh->names[i], "reason") == 0)
				v = r->reason;
			else if (resend && col == CLM_COL_CLAIM_FREQ)
				v = strcmp(x->resend, "void") == 0 ? "8" :
				    "7";
			else if (resend && col == CLM_COL_ORIG_REF)
				v = r->payer_ctl;
			else if (col == CLM_COL_STATUS || col == CLM_COL_EDITS)
				v = "";
			rc = put(out, v, i == 0, err);
		}
		if (rc == 0)
			rc = clm_out_write(out, "\n", 1, err);
	}
	clm_claim_free(&rows);
	return rc;
}

static int
write_rejects(struct clm_tool *t, struct resp_ctx *x, struct clm_error *err)
{
	struct clm_out *out = clm_out_open(x->rejects_path, err);
	struct clm_header *oh = clm_header_new();
	size_t *last = last_answers(x);
	int rc = out == NULL ? -CLM_EIO : 0;

	/* every column of every batch concerned, then claim_freq, orig_ref */
	for (size_t k = 0; k < x->nkept; k++) {
		const struct clm_header *h = clm_archive_batch(x->archive,
		    clm_archive_claim(x->archive,
		    (size_t)x->kept[k].claim)->batch)->h;

		if (k > 0 && h == clm_archive_batch(x->archive,
		    clm_archive_claim(x->archive,
		    (size_t)x->kept[k - 1].claim)->batch)->h)
			continue;	/* the same batch's columns */
		for (size_t i = 0; i < h->ncols; i++)
			if (clm_header_find(oh, h->names[i]) < 0)
				clm_header_add(oh, h->names[i]);
	}
	if (x->resend != NULL) {
		clm_header_ensure(oh, CLM_COL_CLAIM_FREQ);
		clm_header_ensure(oh, CLM_COL_ORIG_REF);
	}
	if (clm_header_find(oh, "reason") < 0)
		clm_header_add(oh, "reason");
	for (size_t i = 0; rc == 0 && i < oh->ncols; i++)
		rc = put(out, oh->names[i], i == 0, err);
	if (rc == 0)
		rc = clm_out_write(out, "\n", 1, err);
	for (size_t k = 0; rc == 0 && k < x->nkept; k++) {
		long claim = x->kept[k].claim;

		if (x->kept[k].is_line || !x->kept[k].fixable ||
		    strcmp(x->kept[k].status, "partly-paid") == 0 ||
		    last[claim] != k + 1)
			continue;	/* one entry per claim: its last answer */
		rc = write_reject_rows(t, x, out, oh, &x->kept[k], err);
	}
	x->rejects_out = out;
	if (rc == 0)
		clm_tool_add_output(t, out);
	clm_header_free(oh);
	free(last);
	return rc;
}

static int
resp_finish(struct clm_tool *t)
{
	struct resp_ctx *x = t->ctx;
	struct clm_error err;
	int rc = 0;

	clm_error_clear(&err);
	if (x->prune_before > 0)
		return 0;
	if (x->rejects_path != NULL && x->archive != NULL)
		rc = write_rejects(t, x, &err);
	if (rc == 0 && (x->denials_path != NULL ||
	    x->denials_html_path != NULL))
		rc = resp_write_denials(x, &err);
	for (int i = 0; rc == 0 && i < 2; i++)
		clm_tool_add_output(t, x->den_out[i]);
	if (rc < 0)
		clm_tool_error(t, &err);
	return rc;
}

int
main(int argc, char **argv)
{
	static const struct clm_tool_spec spec = {
		.name = "clm-response",
		.purpose = "Put TA1, 999, 277CA and 835 answers back on the "
		    "claims sent (clm-emit-837 --archive).",
		.usage = "      --archive FILE the sent archive "
		    "(docs/archive.md)\n"
		    "      --rejects FILE rejected and denied claims as "
		    "records, with a reason column\n"
		    "      --resend replace|void  in --rejects, claims the "
		    "payer adjudicated go out as\n"
		    "                     a replacement (claim_freq 7) or a "
		    "void (8) of orig_ref\n"
		    "      --denials FILE the denial report (CSV)\n"
		    "      --denials-html FILE  the denial report as one "
		    "self-contained HTML page\n"
		    "      --prune-archive CCYYMMDD  remove the batches sent "
		    "before that date\n"
		    "      --codesets FILE code-set index for the reason codes' "
		    "words\n",
		.longopts = longopts,
		.option = resp_option,
		.open_source = open_response,
		.start = resp_start,
		.sink = resp_sink,
		.finish = resp_finish,
		.no_record_output = 1,
		.foreign_input = 1,
	};
	struct resp_ctx x;
	int rc;

	memset(&x, 0, sizeof(x));
	rc = clm_tool_main(&spec, &x, argc, argv);
	clm_out_close(x.out);
	clm_out_close(x.rejects_out);
	clm_out_close(x.den_out[0]);
	clm_out_close(x.den_out[1]);
	clm_archive_free(x.archive);
	clm_codeset_close(x.cs);
	clm_header_free(x.h);
	free(x.v);
	for (size_t k = 0; k < x.nkept; k++) {
		free(x.kept[k].codes);
		free(x.kept[k].reason);
	}
	free(x.kept);
	for (size_t k = 0; k < x.nfiles; k++)
		free(x.files[k]);
	free(x.files);
	free(x.plb);
	resp_dup_free();
	return rc;
}
