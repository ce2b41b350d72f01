/*
 * clm-emit-837: records to one X12 837P (005010X222A1) interchange.
 *
 * Claims stream through: each is checked, rendered into the writer's
 * buffer and, when clean or warned, appended to an unlinked spool file;
 * held-back claims go to --rejects.  At the end the control number is taken
 * under flock, the envelope is written around the spool (the BHT03
 * placeholders get the number) and the output is committed.  Memory stays
 * flat: one claim plus a few bytes per transaction set.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "clm_date.h"
#include "clm_history.h"
#include "clm_io.h"
#include "clm_tool.h"
#include "emit.h"

#define SPOOL_CHUNK 65536
/* Ceiling on ST/SE sets per interchange (8 bytes of memory each). */
#define MAX_TRANSACTION_SETS 1000000

enum { OPT_PARTNER = 2000, OPT_STATE, OPT_REJECTS, OPT_HISTORY, OPT_ARCHIVE,
	OPT_REJECTS_HEADERS };

static const struct option longopts[] = {
	{ "partner", required_argument, NULL, OPT_PARTNER },
	{ "state", required_argument, NULL, OPT_STATE },
	{ "rejects", required_argument, NULL, OPT_REJECTS },
	{ "rejects-headers", no_argument, NULL, OPT_REJECTS_HEADERS },
	{ "history", required_argument, NULL, OPT_HISTORY },
	{ "archive", required_argument, NULL, OPT_ARCHIVE },
	{ NULL, 0, NULL, 0 },
};

static int
load_partner(struct emit_ctx *e)
{
	struct clm_error err;
	char buf[1024];

	clm_error_clear(&err);
	clm_partner_defaults(&e->o.partner);
	if (clm_partner_load(&e->o.partner, e->partner_path, &err) < 0) {
		clm_error_format(&err, buf, sizeof(buf));
		fprintf(stderr, "clm-emit-837: %s\n", buf);
		return -1;
	}
	return 0;
}

static int
emit_option(struct clm_tool *t, int opt, const char *arg)
{
	struct emit_ctx *e = t->ctx;

	switch (opt) {
	case OPT_PARTNER:
		e->partner_path = arg;
		return load_partner(e);
	case OPT_STATE:
		e->state_path = arg;
		return 0;
	case OPT_REJECTS_HEADERS:
		e->rejects_headers = 1;
		return 0;
	case OPT_REJECTS:
		e->rejects_path = arg;
		return 0;
	case OPT_HISTORY:
		e->history_path = arg;
		return 0;
	case OPT_ARCHIVE:
		e->archive_path = arg;
		return 0;
	default:
		return -1;
	}
}

/* A value the writer refused: one finding per column and line. */
static void
on_bad(void *arg, enum clm_x12_bad why, const char *field, size_t pos)
{
	struct emit_ctx *e = arg;
	struct clm_findings *f = e->f;
	enum clm_edit id = why == CLM_X12_BAD_DELIM ? CLM_EDIT_X12_DELIMITER :
	    why == CLM_X12_BAD_SPACE ? CLM_EDIT_X12_FORMAT :
	    CLM_EDIT_X12_CHARSET;
	const char *name = clm_edit_info(id)->id;

	if (f == NULL)
		return;
	if (field == NULL)
		field = "";
	for (size_t i = 0; i < f->n; i++)
		if (f->v[i].line == e->o.cur_line &&
		    strcmp(f->v[i].edit, name) == 0 &&
		    strcmp(f->v[i].field, field) == 0)
			return;
	if (why == CLM_X12_BAD_DELIM)
		clm_finding_add(f, id, e->o.cur_line, field, "%s holds an X12 "
		    "delimiter (%c %c %c %c) or a control character at "
		    "position %zu; X12 has no escape: remove it at the source",
		    field, e->o.w.syn.seg, e->o.w.syn.ele, e->o.w.syn.comp,
		    e->o.w.syn.rep, pos);
	else if (why == CLM_X12_BAD_SPACE)
		clm_finding_add(f, id, e->o.cur_line, field, "%s ends with a "
		    "space; X12 forbids trailing spaces in a value", field);
	else
		clm_finding_add(f, id, e->o.cur_line, field, "%s holds a "
		    "character outside the X12 %s character set at position "
		    "%zu", field, e->o.w.syn.extended ? "extended" : "basic",
		    pos);
}

static int
set_clock(struct emit_ctx *e, struct clm_tool *t)
{
	const char *now = getenv("CLM_TIME");
	long today = clm_date_today();
	time_t tt = time(NULL);
	struct tm tm;

	if (today == 0) {
		clm_tool_warn(t, "CLM_TODAY must be CCYYMMDD");
		return -1;
	}
	snprintf(e->o.today, sizeof(e->o.today), "%08ld", today);
	localtime_r(&tt, &tm);
	strftime(e->o.now, sizeof(e->o.now), "%H%M", &tm);
	if (now != NULL && now[0] != '\0') {
		if (strlen(now) != 4 || strspn(now, "0123456789") != 4) {
			clm_tool_warn(t, "CLM_TIME must be HHMM");
			return -1;
		}
		memcpy(e->o.now, now, 5);
	}
	return 0;
}

/* dx13, dx14 ... and mod5, mod6 ...: columns past the 837P's limits. */
static void
find_extra_columns(struct emit_ctx *e, const struct clm_header *h)
{
	for (size_t i = 0; i < h->ncols; i++) {
		const char *n = h->names[i];
		char *end;
		long v;

		if (strncmp(n, "dx", 2) == 0 && n[2] >= '1' && n[2] <= '9') {
			v = strtol(n + 2, &end, 10);
			if (*end == '\0' && v > 12 && e->o.nextra_dx < 64)
				e->o.extra_dx[e->o.nextra_dx++] = (int)i;
		} else if (strncmp(n, "mod", 3) == 0 && n[3] >= '1' &&
		    n[3] <= '9') {
			v = strtol(n + 3, &end, 10);
			if (*end == '\0' && v > 4 && e->o.nextra_mod < 64)
				e->o.extra_mod[e->o.nextra_mod++] = (int)i;
		}
	}
}

static int
incoming_reject(const struct emit_ctx *e, const struct clm_claim *c)
{
	for (size_t i = 0; i < c->n; i++)
		if (clm_status_parse(clm_row_get(c->rows[i], e->o.h,
		    CLM_COL_STATUS)) != CLM_STATUS_CLEAN &&
		    clm_status_parse(clm_row_get(c->rows[i], e->o.h,
		    CLM_COL_STATUS)) != CLM_STATUS_WARN)
			return 1;
	return 0;
}

/* 8 bytes per claim written: what --history records once the 837 is in
 * place. */
static void
remember_sent(struct emit_ctx *e, const struct clm_claim *c)
{
	if (e->nsent == e->capsent) {
		e->capsent = e->capsent ? e->capsent * 2 : 1024;
		e->sent_fps = clm_xrealloc(e->sent_fps,
		    e->capsent * sizeof(*e->sent_fps));
	}
	e->sent_fps[e->nsent++] = clm_history_claim_fp(c, e->o.h);
}

/* The claim's entry in the sent archive, kept aside until the 837 is in
 * place (clm_archive.h). */
static int
archive_claim(struct emit_ctx *e, const struct clm_claim *c)
{
	struct clm_error err;
	char st02[16];

	snprintf(st02, sizeof(st02), "%04u", e->st.st_no);
	if (clm_archive_spool_claim(e->archive, c, e->o.h, st02,
	    (long)e->st.claim_first, (long)e->st.claim_last, &err) < 0) {
		errno = EIO;
		return -1;
	}
	return 0;
}

/* Add the batch to --archive once the 837 is in place. */
static int
archive_batch(struct clm_tool *t, struct emit_ctx *e, struct clm_error *err)
{
	struct clm_archive_batch b;
	const struct clm_partner *p = &e->o.partner;

	memset(&b, 0, sizeof(b));
	b.sent = strtol(e->o.today, NULL, 10);
	snprintf(b.isa13, sizeof(b.isa13), "%09lu", e->ctl_used);
	snprintf(b.gs06, sizeof(b.gs06), "%lu", e->ctl_used);
	snprintf(b.sender, sizeof(b.sender), "%s:%s", p->isa_sender_qual,
	    p->isa_sender_id);
	snprintf(b.receiver, sizeof(b.receiver), "%s:%s",
	    p->isa_receiver_qual, p->isa_receiver_id);
	snprintf(b.file, sizeof(b.file), "%s", t->output_path ?
	    t->output_path : "-");
	return clm_archive_append(e->archive_path, &b, e->o.h, e->archive, err);
}

static int
spool_claim(struct emit_ctx *e, const struct clm_claim *c,
    const struct clm_837p_hl *hl)
{
	if (e->nbht + e->o.npend > MAX_TRANSACTION_SETS) {
		errno = EFBIG;
		return -1;
	}
	if (e->nbht + e->o.npend > e->capbht) {
		e->capbht = (e->capbht + e->o.npend) * 2;
		e->bht = clm_xrealloc(e->bht, e->capbht * sizeof(*e->bht));
	}
	for (size_t i = 0; i < e->o.npend; i++)
		e->bht[e->nbht++] = e->spool_len + e->o.pend[i];
	if (fwrite(e->o.w.buf, 1, e->o.w.len, e->spool) != e->o.w.len)
		return -1;
	e->spool_len += e->o.w.len;
	e->written += (c->n + CLM_837P_MAX_LINES - 1) / CLM_837P_MAX_LINES;
	e->st = *hl;
	if (e->history_path != NULL)
		remember_sent(e, c);
	if (e->archive != NULL && archive_claim(e, c) < 0)
		return -1;
	if (e->o.prev == NULL)
		e->o.prev = clm_row_new();
	clm_row_copy(e->o.prev, c->rows[0]);
	return 0;
}

static int
hold_back(struct clm_tool *t, struct emit_ctx *e, const struct clm_claim *c,
    const struct clm_findings *f)
{
	struct clm_error err;

	e->held++;
	if (e->rejects != NULL && emit_rejects_write(&e->rj, c, f, &err) < 0) {
		clm_tool_error(t, &err);
		return -1;
	}
	return 0;
}

/*
 * The guard stage: the checks before writing, and the claim rendered into
 * e->o.w under a copy of the hierarchy (e->pending), rendered even when it is
 * held back so that every delimiter problem is named.  It is the last
 * stage: the sink spools what it rendered.
 */
static int
guard_claim(void *ctx, const struct clm_next *next, struct clm_item *it,
    struct clm_error *err)
{
	struct emit_ctx *e = ctx;

	(void)next;
	e->pending = e->st;
	e->f = &it->f;
	clm_837p_guard_claim(&e->o, &it->c, &it->f);
	clm_837p_render_claim(&e->o, &it->c, &e->pending);
	e->f = NULL;
	if (e->o.w.overflow)
		return clm_error_set(err, CLM_ELIMIT, it->c.file,
		    it->c.n > 0 ? it->c.rows[0]->line : 0, "claim %s: more "
		    "than %zu bytes of X12", clm_claim_id(&it->c, e->o.h),
		    (size_t)CLM_X12_BUF_MAX);
	return CLM_STAGE_PASS;
}

/* The sink: a clean or warned claim to the spool, the rest to --rejects. */
static int
emit_sink(struct clm_tool *t, struct clm_item *it)
{
	struct emit_ctx *e = t->ctx;
	int reject = incoming_reject(e, &it->c);

	if (clm_tool_account(t, &it->c, &it->f) == CLM_STATUS_REJECT ||
	    reject)
		return hold_back(t, e, &it->c, &it->f);
	if (spool_claim(e, &it->c, &e->pending) < 0) {
		clm_tool_warn(t, "cannot write the spool file: %s",
		    strerror(errno));
		return -1;
	}
	return 0;
}

/* Left-justified, space-padded to width (the ISA's fixed fields). */
static void
pad(struct clm_x12_writer *w, const char *v, size_t width)
{
	char buf[32];

	snprintf(buf, sizeof(buf), "%-*.*s", (int)width, (int)width, v);
	clm_x12_raw(w, &w->syn.ele, 1);
	clm_x12_raw(w, buf, width);
}

static void
render_isa_gs(struct emit_ctx *e, unsigned long ctl)
{
	const struct clm_partner *p = &e->o.partner;
	struct clm_x12_writer *w = &e->o.w;
	char v[32];

	clm_x12_reset(w);
	clm_x12_raw(w, "ISA", 3);
	pad(w, p->isa_auth_qual, 2);
	pad(w, p->isa_auth_info, 10);
	pad(w, p->isa_security_qual, 2);
	pad(w, p->isa_security_info, 10);
	pad(w, p->isa_sender_qual, 2);
	pad(w, p->isa_sender_id, 15);
	pad(w, p->isa_receiver_qual, 2);
	pad(w, p->isa_receiver_id, 15);
	pad(w, e->o.today + 2, 6);
	pad(w, e->o.now, 4);
	pad(w, &p->repetition_sep, 1);
	pad(w, "00501", 5);
	snprintf(v, sizeof(v), "%09lu", ctl);
	pad(w, v, 9);
	pad(w, &p->ack_requested, 1);
	pad(w, &p->usage, 1);
	pad(w, &p->component_sep, 1);
	clm_x12_seg_end(w);
	clm_x12_seg(w, "GS");
	clm_x12_el(w, "HC", NULL);
	clm_x12_el(w, p->gs_sender_id[0] ? p->gs_sender_id : p->isa_sender_id,
	    NULL);
	clm_x12_el(w, p->gs_receiver_id[0] ? p->gs_receiver_id :
	    p->isa_receiver_id, NULL);
	clm_x12_el(w, e->o.today, NULL);
	clm_x12_el(w, e->o.now, NULL);
	snprintf(v, sizeof(v), "%lu", ctl);
	clm_x12_el(w, v, NULL);
	clm_x12_el(w, "X", NULL);
	clm_x12_el(w, "005010X222A1", NULL);
	clm_x12_seg_end(w);
}

static void
render_ge_iea(struct emit_ctx *e, unsigned long ctl)
{
	struct clm_x12_writer *w = &e->o.w;
	char v[32];

	clm_x12_reset(w);
	clm_x12_seg(w, "GE");
	snprintf(v, sizeof(v), "%u", e->st.st_no);
	clm_x12_el(w, v, NULL);
	snprintf(v, sizeof(v), "%lu", ctl);
	clm_x12_el(w, v, NULL);
	clm_x12_seg_end(w);
	clm_x12_seg(w, "IEA");
	clm_x12_el(w, "1", NULL);
	snprintf(v, sizeof(v), "%09lu", ctl);
	clm_x12_el(w, v, NULL);
	clm_x12_seg_end(w);
}

/* The spool into out, with ISA13 over each BHT03 placeholder. */
static int
copy_spool(struct emit_ctx *e, struct clm_out *out, unsigned long ctl,
    struct clm_error *err)
{
	char *buf = clm_xmalloc(SPOOL_CHUNK);
	char num[16];
	unsigned long long pos = 0;
	size_t next = 0, n;
	int rc = 0;

	snprintf(num, sizeof(num), "%09lu", ctl);
	if (fflush(e->spool) != 0 || fseek(e->spool, 0, SEEK_SET) != 0)
		rc = clm_error_set(err, CLM_EIO, "spool", 0, "%s",
		    strerror(errno));
	while (rc == 0 && (n = fread(buf, 1, SPOOL_CHUNK, e->spool)) > 0) {
		for (; next < e->nbht && e->bht[next] < pos + n; next++)
			for (size_t i = 0; i < 9; i++)
				if (e->bht[next] + i >= pos &&
				    e->bht[next] + i < pos + n)
					buf[e->bht[next] + i - pos] = num[i];
		/* a placeholder cut by the chunk end: finish it next round */
		if (next > 0 && e->bht[next - 1] + 9 > pos + n)
			next--;
		rc = clm_out_write(out, buf, n, err);
		pos += n;
	}
	if (rc == 0 && ferror(e->spool))
		rc = clm_error_set(err, CLM_EIO, "spool", 0, "read error");
	free(buf);
	return rc;
}

static int
write_interchange(struct emit_ctx *e, struct clm_out *out, unsigned long ctl,
    struct clm_error *err)
{
	int rc;

	render_isa_gs(e, ctl);
	rc = clm_out_write(out, e->o.w.buf, e->o.w.len, err);
	if (rc == 0)
		rc = copy_spool(e, out, ctl, err);
	render_ge_iea(e, ctl);
	if (rc == 0)
		rc = clm_out_write(out, e->o.w.buf, e->o.w.len, err);
	return rc;
}

/* Close the last transaction set into the spool. */
static int
close_spool(struct emit_ctx *e)
{
	clm_x12_reset(&e->o.w);
	e->st.seg_mark = 0;
	clm_837p_render_se(&e->o, &e->st);
	if (fwrite(e->o.w.buf, 1, e->o.w.len, e->spool) != e->o.w.len)
		return -1;
	e->spool_len += e->o.w.len;
	return 0;
}

/*
 * The number is recorded as used only once the whole interchange is durably
 * in the temporary output (flushed and fsynced: only the rename is left); a
 * failure before, a full disk at the last flush included, leaves it unused.
 * On stdout the bytes leave at once, so there the number is recorded first.
 */
static int
write_output(struct clm_tool *t, struct emit_ctx *e, struct clm_error *err)
{
	char key[256];
	struct clm_x12_ctl *ctl;
	struct clm_out *out = NULL;
	const char *path = e->state_path ? e->state_path : e->state_default;
	int to_stdout = t->output_path == NULL ||
	    strcmp(t->output_path, "-") == 0;
	int rc, recorded = 0;
	unsigned long n;

	snprintf(key, sizeof(key), "%s:%s|%s:%s", e->o.partner.isa_sender_qual,
	    e->o.partner.isa_sender_id, e->o.partner.isa_receiver_qual,
	    e->o.partner.isa_receiver_id);
	if ((rc = clm_x12_ctl_open(&ctl, path, key, err)) < 0)
		return rc;
	n = clm_x12_ctl_next(ctl);
	e->ctl_used = n;
	if (to_stdout && (rc = clm_x12_ctl_commit(ctl, err)) == 0)
		recorded = 1;
	if (rc == 0 && (out = clm_out_open(t->output_path, err)) == NULL)
		rc = -CLM_EIO;
	if (rc == 0)
		rc = write_interchange(e, out, n, err);
	if (rc == 0 && !to_stdout)
		rc = clm_out_prepare(out, err);
	if (rc == 0 && !to_stdout && (rc = clm_x12_ctl_commit(ctl, err)) == 0)
		recorded = 1;
	clm_x12_ctl_close(ctl);
	if (rc == 0)
		rc = clm_out_commit(out, err);
	clm_out_close(out);
	if (rc < 0 && recorded)
		clm_tool_warn(t, "control number %09lu was recorded as used by "
		    "this failed run: it is skipped, never reused", n);
	return rc;
}

/*
 * Nothing to send: the output path must not keep an earlier run's 837, or
 * "clm-emit-837 ... && upload" would send it again.
 */
static int
remove_old_output(struct clm_tool *t)
{
	struct clm_error err;
	int removed = 0;

	clm_error_clear(&err);
	if (clm_out_remove_target(t->output_path, &removed, &err) < 0) {
		clm_tool_error(t, &err);
		return -1;
	}
	if (removed)
		clm_tool_warn(t, "no claim to send: %s from an earlier run "
		    "removed; no 837 written, no control number used",
		    t->output_path);
	else if (!t->quiet)
		clm_tool_warn(t, "no claim to send: no 837 written, "
		    "no control number used");
	return 0;
}

static int
emit_finish(struct clm_tool *t)
{
	struct emit_ctx *e = t->ctx;
	struct clm_error err;
	int rc = 0;

	clm_error_clear(&err);
	/* --report and --rejects are committed by the runtime after the 837,
	 * and only when it is in place; fsynced first so that they cannot
	 * fail once it is. */
	if (e->rejects != NULL && emit_rejects_finish(&e->rj, &err) < 0) {
		clm_tool_error(t, &err);
		return -1;
	}
	if (clm_tool_prepare_outputs(t) < 0)
		return -1;
	if (e->written == 0)
		return remove_old_output(t);
	if (close_spool(e) < 0) {
		clm_tool_warn(t, "cannot write the spool file: %s",
		    strerror(errno));
		return -1;
	}
	rc = write_output(t, e, &err);
	/* Only after the 837 is in place: a history entry for a claim that
	 * never left would make clm-scrub call its re-send a duplicate. */
	if (rc == 0 && e->history_path != NULL &&
	    (rc = clm_history_append(e->history_path, e->sent_fps, e->nsent,
	    strtol(e->o.today, NULL, 10), &err)) < 0)
		clm_tool_warn(t, "the 837 was written, but its claims could "
		    "not be added to the history file:");
	if (rc == 0 && e->archive != NULL &&
	    (rc = archive_batch(t, e, &err)) < 0)
		clm_tool_warn(t, "the 837 was written, but its claims could "
		    "not be added to the sent archive:");
	if (rc < 0)
		clm_tool_error(t, &err);
	else if (!t->quiet)
		clm_tool_warn(t, "%lu claims in %u transaction sets written",
		    e->written, e->st.st_no);
	return rc;
}


static int
emit_start(struct clm_tool *t, struct clm_header *h)
{
	struct emit_ctx *e = t->ctx;
	struct clm_x12_syntax syn;
	struct clm_error err;

	clm_error_clear(&err);
	if (e->partner_path == NULL) {
		clm_tool_warn(t, "--partner FILE is required (see "
		    "clm-emit-837(1))");
		return -1;
	}
	if (set_clock(e, t) < 0)
		return -1;
	if (e->state_path == NULL &&
	    (e->state_default = clm_x12_ctl_default_path()) == NULL) {
		clm_tool_warn(t, "no --state FILE and neither XDG_STATE_HOME "
		    "nor HOME is set");
		return -1;
	}
	memset(&syn, 0, sizeof(syn));
	syn.ele = e->o.partner.element_sep;
	syn.comp = e->o.partner.component_sep;
	syn.rep = e->o.partner.repetition_sep;
	syn.seg = e->o.partner.segment_term;
	memcpy(syn.eol, e->o.partner.line_ending, sizeof(syn.eol));
	syn.extended = e->o.partner.charset == CLM_PARTNER_EXTENDED;
	clm_x12_writer_init(&e->o.w, &syn);
	e->o.w.on_bad = on_bad;
	e->o.w.arg = e;
	e->o.h = h;
	find_extra_columns(e, h);
	if (e->rejects_path != NULL) {
		e->rejects = clm_out_open(e->rejects_path, &err);
		if (e->rejects == NULL ||
		    emit_rejects_open(&e->rj, e->rejects, h, e->rejects_headers,
		    &err) < 0) {
			clm_tool_error(t, &err);
			return -1;
		}
		clm_tool_add_output(t, e->rejects);
	}
	if (e->archive_path != NULL &&
	    (e->archive = clm_archive_spool_new(&err)) == NULL) {
		clm_tool_error(t, &err);
		return -1;
	}
	e->spool = tmpfile();
	if (e->spool == NULL) {
		clm_tool_warn(t, "cannot create a spool file: %s",
		    strerror(errno));
		return -1;
	}
	setvbuf(e->spool, NULL, _IOFBF, SPOOL_CHUNK * 4);
	return 0;
}

static void
emit_free(struct emit_ctx *e)
{
	clm_x12_writer_free(&e->o.w);
	clm_out_close(e->rejects);
	emit_rejects_close(&e->rj);
	if (e->spool != NULL)
		fclose(e->spool);
	clm_row_free(e->o.prev);
	free(e->bht);
	free(e->o.pend);
	free(e->state_default);
	free(e->sent_fps);
	clm_archive_spool_free(e->archive);
}

int
clm_emit_837_tool(int argc, char **argv, clm_tool_run_fn run)
{
	struct emit_ctx e;
	struct clm_stage stages[1] = {
		{ "emit-guard", &e, NULL, guard_claim, NULL },
	};
	const struct clm_tool_spec spec = {
		.name = "clm-emit-837",
		.purpose = "Write clean claims as one X12 837P (005010X222A1) "
		    "interchange; hold back the rest.",
		.usage = "      --partner FILE trading-partner settings "
		    "(required; see clm-emit-837(1))\n"
		    "      --state FILE   control-number state (default "
		    "$XDG_STATE_HOME/clm/control-numbers)\n"
		    "      --rejects FILE write held-back claims there as "
		    "records\n"
		    "      --rejects-headers  with the export's own headers "
		    "(clm-parse --keep-headers)\n"
		    "      --history FILE add the fingerprints of the claims "
		    "sent (clm-scrub --history)\n"
		    "      --archive FILE add the batch and its claims' records "
		    "to the sent archive\n"
		    "                     (clm-response; docs/archive.md)\n",
		.longopts = longopts,
		.option = emit_option,
		.start = emit_start,
		.stages = stages,
		.nstages = 1,
		.sink = emit_sink,
		.finish = emit_finish,
		.no_record_output = 1,
		.check_conflicts = 1,
	};
	int rc;

	memset(&e, 0, sizeof(e));
	rc = run(&spec, &e, argc, argv);
	emit_free(&e);
	return rc;
}
