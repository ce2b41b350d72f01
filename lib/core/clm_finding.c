#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clm_finding.h"
#include "clm_io.h"

#define INFO CLM_SEV_INFO
#define WARNING CLM_SEV_WARNING
#define ERROR CLM_SEV_ERROR

static const struct clm_edit_info catalogue[CLM_EDIT_COUNT] = {
#define CLM_EDIT(e, id, sev, text) { id, sev, text },
#include "edits/all.def"
#undef CLM_EDIT
};

const struct clm_edit_info *
clm_edit_info(enum clm_edit e)
{
	return (unsigned)e < CLM_EDIT_COUNT ? &catalogue[e] : NULL;
}

int
clm_edit_lookup(const char *id)
{
	for (int i = 0; i < CLM_EDIT_COUNT; i++)
		if (strcmp(catalogue[i].id, id) == 0)
			return i;
	return -1;
}

const char *
clm_severity_name(enum clm_severity s)
{
	switch (s) {
	case CLM_SEV_ERROR:
		return "error";
	case CLM_SEV_WARNING:
		return "warning";
	default:
		return "info";
	}
}

void
clm_findings_init(struct clm_findings *f)
{
	memset(f, 0, sizeof(*f));
}

void
clm_findings_clear(struct clm_findings *f)
{
	for (size_t i = 0; i < f->n; i++) {
		free(f->v[i].edit);
		free(f->v[i].field);
		free(f->v[i].msg);
	}
	f->n = 0;
}

void
clm_findings_free(struct clm_findings *f)
{
	clm_findings_clear(f);
	free(f->v);
	clm_findings_init(f);
}

static void
add_finding(struct clm_findings *f, const char *edit, enum clm_severity sev,
    long line, const char *field, const char *fmt, va_list ap)
{
	struct clm_finding *fd;
	char msg[1024];

	if (f->n == f->cap) {
		f->cap = f->cap ? f->cap * 2 : 16;
		f->v = clm_xrealloc(f->v, f->cap * sizeof(*f->v));
	}
	vsnprintf(msg, sizeof(msg), fmt, ap);
	fd = &f->v[f->n++];
	fd->edit = clm_xstrdup(edit);
	fd->severity = sev;
	fd->line = line;
	fd->field = clm_xstrdup(field ? field : "");
	fd->msg = clm_xstrdup(msg);
}

void
clm_finding_add(struct clm_findings *f, enum clm_edit e, long line,
    const char *field, const char *fmt, ...)
{
	const struct clm_edit_info *info = clm_edit_info(e);
	va_list ap;

	va_start(ap, fmt);
	add_finding(f, info->id, info->severity, line, field, fmt, ap);
	va_end(ap);
}

void
clm_finding_add_custom(struct clm_findings *f, const char *edit,
    enum clm_severity sev, long line, const char *field, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	add_finding(f, edit, sev, line, field, fmt, ap);
	va_end(ap);
}

int
clm_findings_has(const struct clm_findings *f, const char *edit, long line)
{
	for (size_t i = 0; i < f->n; i++)
		if (strcmp(f->v[i].edit, edit) == 0 &&
		    (line < 0 || f->v[i].line == line))
			return 1;
	return 0;
}

size_t
clm_findings_count(const struct clm_findings *f, enum clm_severity s)
{
	size_t n = 0;

	for (size_t i = 0; i < f->n; i++)
		n += f->v[i].severity == s;
	return n;
}

const char *
clm_status_name(enum clm_status s)
{
	static const char *names[] = { "clean", "warn", "reject" };

	return names[s];
}

int
clm_status_parse(const char *s)
{
	if (s[0] == '\0' || strcmp(s, "clean") == 0)
		return CLM_STATUS_CLEAN;
	if (strcmp(s, "warn") == 0)
		return CLM_STATUS_WARN;
	if (strcmp(s, "reject") == 0)
		return CLM_STATUS_REJECT;
	return -1;
}

enum clm_status
clm_findings_status(const struct clm_findings *f, int strict)
{
	enum clm_status st = CLM_STATUS_CLEAN;

	for (size_t i = 0; i < f->n; i++) {
		if (f->v[i].severity == CLM_SEV_ERROR ||
		    (strict && f->v[i].severity == CLM_SEV_WARNING))
			return CLM_STATUS_REJECT;
		if (f->v[i].severity == CLM_SEV_WARNING)
			st = CLM_STATUS_WARN;
	}
	return st;
}

/* Does the ';'-separated list hold id? */
static int
list_has(const char *list, const char *id)
{
	size_t n = strlen(id);

	for (const char *p = list; *p != '\0';) {
		const char *end = strchr(p, ';');
		size_t len = end ? (size_t)(end - p) : strlen(p);

		if (len == n && memcmp(p, id, n) == 0)
			return 1;
		p += len + (end != NULL);
	}
	return 0;
}

static void
append_edits(struct clm_row *row, const struct clm_header *h,
    const struct clm_findings *f, long line_no)
{
	char buf[4096];
	size_t n = (size_t)snprintf(buf, sizeof(buf), "%s",
	    clm_row_get(row, h, CLM_COL_EDITS));

	for (size_t i = 0; i < f->n && n < sizeof(buf); i++) {
		const struct clm_finding *fd = &f->v[i];

		if (fd->line != 0 && fd->line != line_no)
			continue;
		if (list_has(buf, fd->edit))
			continue;
		n += (size_t)snprintf(buf + n, sizeof(buf) - n, "%s%s",
		    n > 0 ? ";" : "", fd->edit);
	}
	if (n >= sizeof(buf))
		n = sizeof(buf) - 1;
	clm_row_set_value(row, (size_t)h->canon[CLM_COL_EDITS], buf, n);
}

enum clm_status
clm_claim_apply(struct clm_claim *c, const struct clm_header *h,
    const struct clm_findings *f, int strict)
{
	enum clm_status st = clm_findings_status(f, strict);

	for (size_t i = 0; i < c->n; i++) {
		int in = clm_status_parse(clm_row_get(c->rows[i], h,
		    CLM_COL_STATUS));

		if (in < 0)
			in = CLM_STATUS_REJECT;	/* unreadable: hold back */
		if ((enum clm_status)in > st)
			st = (enum clm_status)in;
	}
	for (size_t i = 0; i < c->n; i++) {
		/* read before the row changes: setting a value may move it */
		long line = strtol(clm_row_get(c->rows[i], h,
		    CLM_COL_LINE_NO), NULL, 10);

		clm_row_set(c->rows[i], h, CLM_COL_STATUS, clm_status_name(st));
		if (f->n > 0)	/* nothing to add otherwise */
			append_edits(c->rows[i], h, f, line);
	}
	return st;
}

/* Value i of two rows equal?  (Direct access: this runs for every row.) */
static int
same_value(const struct clm_row *a, const struct clm_row *b, size_t i)
{
	size_t la = i < a->n ? a->len[i] : 0, lb = i < b->n ? b->len[i] : 0;

	return la == lb && (la == 0 ||
	    memcmp(a->buf + a->off[i], b->buf + b->off[i], la) == 0);
}

void
clm_claim_check_conflicts(const struct clm_claim *c,
    const struct clm_header *h, struct clm_findings *f)
{
	for (int col = 0; c->n > 1 && col < CLM_COL_COUNT; col++) {
		int i = h->canon[col];

		if (i < 0 || col == CLM_COL_STATUS || clm_column_is_line(col))
			continue;
		for (size_t r = 1; r < c->n; r++) {
			if (same_value(c->rows[0], c->rows[r], (size_t)i))
				continue;
			clm_finding_add(f, CLM_EDIT_CLAIM_CONFLICT, 0,
			    clm_column_name(col), "%s differs between the "
			    "claim's rows (input lines %ld and %ld)",
			    clm_column_name(col), c->rows[0]->line,
			    c->rows[r]->line);
			break;
		}
	}
}

int
clm_report_write_header(struct clm_out *out, struct clm_error *err)
{
	return clm_out_puts(out, "claim_id,line,severity,edit,field,message\n",
	    err);
}

/*
 * A line number as shown: a line_no beyond any claim's lines is a shifted
 * value (a birth date, a member id), never echoed: "?" instead.
 */
static const char *
shown_line(long line, char *buf, size_t size)
{
	if (line < 0 || line > CLM_FINDING_LINE_SHOWN_MAX)
		return "?";
	snprintf(buf, size, "%ld", line);
	return buf;
}

int
clm_report_write(struct clm_out *out, const char *claim_id,
    const struct clm_findings *f, struct clm_error *err)
{
	for (size_t i = 0; i < f->n; i++) {
		const struct clm_finding *fd = &f->v[i];
		char num[48], ln[24];
		int rc = 0;

		snprintf(num, sizeof(num), ",%s,%s,",
		    shown_line(fd->line, ln, sizeof(ln)),
		    clm_severity_name(fd->severity));
		rc |= clm_record_write_field(out, claim_id, strlen(claim_id),
		    err);
		rc |= clm_out_puts(out, num, err);
		rc |= clm_record_write_field(out, fd->edit, strlen(fd->edit),
		    err);
		rc |= clm_out_puts(out, ",", err);
		rc |= clm_record_write_field(out, fd->field, strlen(fd->field),
		    err);
		rc |= clm_out_puts(out, ",", err);
		rc |= clm_record_write_field(out, fd->msg, strlen(fd->msg), err);
		rc |= clm_out_puts(out, "\n", err);
		if (rc != 0)
			return -CLM_EIO;
	}
	return 0;
}

void
clm_finding_format(char *buf, size_t size, const char *file, long phys_line,
    const char *claim_id, const struct clm_finding *fd)
{
	char line[40] = "", ln[24];

	if (fd->line != 0)	/* a claim-level finding has no line */
		snprintf(line, sizeof(line), " line %s",
		    shown_line(fd->line, ln, sizeof(ln)));
	snprintf(buf, size, "%s:%ld: %s: [%s] claim %s%s%s%s: %s",
	    file, phys_line, clm_severity_name(fd->severity), fd->edit,
	    claim_id[0] ? claim_id : "(none)", line,
	    fd->field[0] ? " " : "", fd->field, fd->msg);
}
