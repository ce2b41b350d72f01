/*
 * clm_codeset_read - the text sources of the index builder: ICD-10-CM
 * order files and order addenda, HCPCS Level II fixed-width records, NCCI
 * MUE CSV and PTP rows, the NUCC taxonomy CSV, MCE lists and the project's
 * hand-written lists.  Layouts: docs/codeset-sources.md.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clm_codeset_int.h"
#include "clm_csv.h"
#include "clm_record.h"

/* ---- byte and line sources ---- */

long
clm_csb_read(struct clm_csb_src *s, void *buf, size_t size, struct clm_error *err)
{
	size_t n;

	if (s->in != NULL)
		return clm_in_read(s->in, buf, size, err);
	n = s->memlen - s->mempos < size ? s->memlen - s->mempos : size;
	memcpy(buf, s->mem + s->mempos, n);
	s->mempos += n;
	return (long)n;
}

int
clm_csb_line(struct clm_csb_src *s, size_t *len, struct clm_error *err)
{
	size_t n = 0;

	for (;;) {
		if (s->pos == s->len) {
			long got;

			if (s->eof)
				break;
			got = clm_csb_read(s, s->buf, sizeof(s->buf), err);
			if (got < 0)
				return (int)got;
			if (got == 0) {
				s->eof = 1;
				break;
			}
			s->pos = 0;
			s->len = (size_t)got;
		}
		if (s->buf[s->pos] == '\n') {
			s->pos++;
			goto done;
		}
		if (n >= CLM_CSB_MAX_LINE)
			return clm_error_set(err, CLM_ELIMIT, s->name,
			    s->lineno + 1, "line longer than %d bytes",
			    CLM_CSB_MAX_LINE);
		s->line[n++] = s->buf[s->pos++];
	}
	if (n == 0)
		return 0;
done:
	if (n > 0 && s->line[n - 1] == '\r')
		n--;
	s->line[n] = '\0';
	s->lineno++;
	*len = n;
	return 1;
}

/* A fixed-width field [from, from+width) of line (0-based), trimmed, into
 * out; "" when the line is shorter. */
static void
fixed(const char *line, size_t len, size_t from, size_t width, char *out,
    size_t size)
{
	size_t n = 0;

	if (from < len) {
		n = len - from < width ? len - from : width;
		while (n > 0 && line[from] == ' ') {
			from++;
			n--;
		}
		while (n > 0 && line[from + n - 1] == ' ')
			n--;
		if (n >= size)
			n = size - 1;
		memcpy(out, line + from, n);
	}
	out[n] = '\0';
}

static int
bad_line(const struct clm_csb_src *s, struct clm_error *err, const char *what)
{
	return clm_error_set(err, CLM_EFORMAT, s->name, s->lineno, "%s", what);
}

static long
parse_date8(const char *s)
{
	char *end;
	long d;

	if (strlen(s) != 8)
		return 0;
	d = strtol(s, &end, 10);
	return *end == '\0' && clm_date_valid(d) ? d : 0;
}

/* ---- ICD-10-CM order files and addenda ---- */

static int
icd_cmp(const void *pa, const void *pb)
{
	return strncmp(((const struct clm_csb_icd *)pa)->code,
	    ((const struct clm_csb_icd *)pb)->code, 8);
}

static int
icd_key_ok(const char *code)
{
	size_t n = strlen(code);

	if (n < 3 || n > 7 || !isupper((unsigned char)code[0]))
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!isalnum((unsigned char)code[i]))
			return 0;
	return 1;
}

static int
icd_push(struct clm_csb *b, const char *code, int flag, uint32_t desc,
    struct clm_error *err, const char *src)
{
	struct clm_csb_icd *e;

	if (CSB_PUSH(b, b->icd, err, src) < 0)
		return -CLM_ELIMIT;
	e = &b->icd.v[b->icd.n - 1];
	clm_csb_field(e->code, sizeof(e->code), code);
	e->flag = (uint8_t)flag;
	e->desc = desc;
	return 0;
}

int
clm_csb_icd_emit(struct clm_csb *b, long rel, struct clm_error *err,
    const char *src)
{
	if (b->icd.n > 1)
		qsort(b->icd.v, b->icd.n, sizeof(*b->icd.v), icd_cmp);
	for (size_t i = 0; i + 1 < b->icd.n; i++)
		if (icd_cmp(&b->icd.v[i], &b->icd.v[i + 1]) == 0)
			return clm_error_set(err, CLM_EFORMAT, src, 0,
			    "code %.8s listed twice", b->icd.v[i].code);
	for (size_t i = 0; i < b->icd.n; i++) {
		const struct clm_csb_icd *e = &b->icd.v[i];
		int rc = clm_csb_obs(b, rel, CLM_SYS_ICD10CM, e->code, e->flag,
		    e->desc, 0, 0, err, src);

		if (rc < 0)
			return rc;
	}
	b->icd_rel = rel;
	return 0;
}

/* Order record: order(5) ' ' code(7) ' ' flag ' ' short(60) ' ' long. */
int
clm_csb_read_order(struct clm_csb_ctx *c, struct clm_csb_src *s, struct clm_error *err)
{
	size_t len;
	int got;

	c->b->icd.n = 0;
	while ((got = clm_csb_line(s, &len, err)) > 0) {
		char code[16], flag[4], desc[CLM_CSB_MAX_LINE];
		int rc;

		if (len == 0)
			continue;
		fixed(s->line, len, 6, 7, code, sizeof(code));
		fixed(s->line, len, 14, 1, flag, sizeof(flag));
		fixed(s->line, len, 77, len, desc, sizeof(desc));
		if (desc[0] == '\0')
			fixed(s->line, len, 16, 60, desc, sizeof(desc));
		if (len < 17 || !isdigit((unsigned char)s->line[0]) ||
		    !icd_key_ok(code) || (flag[0] != '0' && flag[0] != '1'))
			return bad_line(s, err, "not an ICD-10-CM order file "
			    "record (order, code, flag 0/1, descriptions)");
		rc = icd_push(c->b, code, flag[0] - '0',
		    clm_csb_str(c->b, desc, strlen(desc)), err, s->name);
		if (rc < 0)
			return rc;
	}
	if (got < 0)
		return got;
	if (c->b->icd.n == 0)
		return bad_line(s, err, "empty ICD-10-CM order file");
	return clm_csb_icd_emit(c->b, c->rel, err, s->name);
}

/* The live entry for code: the sorted base (first n), else one the
 * addenda added earlier. */
static struct clm_csb_icd *
icd_find(struct clm_csb *b, size_t n, const char *code)
{
	struct clm_csb_icd k, *e = NULL;

	memset(&k, 0, sizeof(k));
	clm_csb_field(k.code, sizeof(k.code), code);
	if (n > 0)
		e = bsearch(&k, b->icd.v, n, sizeof(k), icd_cmp);
	if (e != NULL && e->flag != 0xFF)
		return e;
	for (size_t i = b->icd.n; i > n; i--)
		if (icd_cmp(&b->icd.v[i - 1], &k) == 0 &&
		    b->icd.v[i - 1].flag != 0xFF)
			return &b->icd.v[i - 1];
	return NULL;
}

/* One addenda change line against the base set (first n entries). */
static int
addenda_line(struct clm_csb_ctx *c, struct clm_csb_src *s, size_t len, size_t n,
    struct clm_error *err)
{
	char act[16], code[16], flag[4], desc[CLM_CSB_MAX_LINE];
	struct clm_csb_icd *e;

	fixed(s->line, len, 0, 13, act, sizeof(act));
	fixed(s->line, len, 13, 1, flag, sizeof(flag));
	fixed(s->line, len, 15, 7, code, sizeof(code));
	fixed(s->line, len, 84, len, desc, sizeof(desc));
	if (desc[0] == '\0')
		fixed(s->line, len, 23, 60, desc, sizeof(desc));
	if (!icd_key_ok(code) || (flag[0] != '0' && flag[0] != '1'))
		return bad_line(s, err, "not an order addenda change line");
	if (strcmp(act, "Add:") == 0)
		return icd_push(c->b, code, flag[0] - '0', clm_csb_str(c->b, desc,
		    strlen(desc)), err, s->name);
	e = icd_find(c->b, n, code);
	if (strcmp(act, "Revise from:") == 0)
		return 0;	/* the "to:" line carries the new title */
	if (e == NULL)
		return bad_line(s, err, "addenda changes a code the base "
		    "release does not have (wrong base year?)");
	if (strcmp(act, "Delete:") == 0)
		e->flag = 0xFF;
	else
		e->desc = clm_csb_str(c->b, desc, strlen(desc));
	return 0;
}

static void
icd_drop_deleted(struct clm_csb *b)
{
	size_t k = 0;

	for (size_t i = 0; i < b->icd.n; i++)
		if (b->icd.v[i].flag != 0xFF)
			b->icd.v[k++] = b->icd.v[i];
	b->icd.n = k;
}

int
clm_csb_read_addenda(struct clm_csb_ctx *c, struct clm_csb_src *s, struct clm_error *err)
{
	size_t len, n = c->b->icd.n;
	int got;

	if (c->b->icd_rel < 0)
		return clm_error_set(err, CLM_EUSAGE, s->name, 0,
		    "order addenda need the previous year's order file "
		    "before them (e.g. FY2026 order file, then the FY2027 "
		    "addenda)");
	while ((got = clm_csb_line(s, &len, err)) > 0) {
		static const char *const acts[] = { "Add:", "Delete:",
			"Revise from:", "Revise to:" };
		int change = 0, rc;

		for (int i = 0; i < 4; i++)
			change |= strncmp(s->line, acts[i], strlen(acts[i])) == 0;
		if (!change)
			continue;	/* the summary block */
		if ((rc = addenda_line(c, s, len, n, err)) < 0)
			return rc;
	}
	if (got < 0)
		return got;
	icd_drop_deleted(c->b);
	return clm_csb_icd_emit(c->b, c->rel, err, s->name);
}

/* ---- HCPCS Level II (fixed width 320, record layout in the release) ---- */

struct hcpcs_pending {
	int active;
	int sys;
	char code[8];
	char desc[2048];
	char action;
	long added, action_date, term;
};

static int
hcpcs_flush(struct clm_csb_ctx *c, struct hcpcs_pending *p,
    struct clm_error *err)
{
	struct clm_csb_obs *o;
	long from = p->added, to = p->term;
	int rc;

	if (!p->active)
		return 0;
	p->active = 0;
	if (from == 0)
		from = c->from;
	if (to != 0 && to < from)
		to = from;
	rc = clm_csb_obs(c->b, c->rel, p->sys, p->code, CLM_IDX_VALID,
	    clm_csb_str(c->b, p->desc, strlen(p->desc)), from, to, err, c->src);
	if (rc < 0)
		return rc;
	o = &c->b->obs.v[c->b->obs.n - 1];
	o->action = p->action;
	o->action_date = (int32_t)p->action_date;
	return 0;
}

static void
hcpcs_append(struct hcpcs_pending *p, const char *text)
{
	size_t n = strlen(p->desc);

	if (*text == '\0' || n + 2 >= sizeof(p->desc))
		return;
	snprintf(p->desc + n, sizeof(p->desc) - n, "%s%s", n ? " " : "",
	    text);
}

static int
hcpcs_first(struct clm_csb_ctx *c, struct clm_csb_src *s, size_t len, int modifier,
    struct hcpcs_pending *p, struct clm_error *err)
{
	char code[8], text[128], d[16], act[4];
	int rc = hcpcs_flush(c, p, err);

	if (rc < 0)
		return rc;
	fixed(s->line, len, modifier ? 3 : 0, modifier ? 2 : 5, code,
	    sizeof(code));
	if (strlen(code) != (modifier ? 2u : 5u))
		return bad_line(s, err, "HCPCS record without a code");
	for (size_t i = 0; code[i] != '\0'; i++)
		if (!isalnum((unsigned char)code[i]))
			return bad_line(s, err, "HCPCS code is not alphanumeric");
	p->active = 1;
	p->sys = modifier ? CLM_SYS_MODIFIER : CLM_SYS_HCPCS;
	memcpy(p->code, code, sizeof(code));
	p->desc[0] = '\0';
	fixed(s->line, len, 11, 80, text, sizeof(text));
	hcpcs_append(p, text);
	fixed(s->line, len, 268, 8, d, sizeof(d));
	p->added = parse_date8(d);
	fixed(s->line, len, 276, 8, d, sizeof(d));
	p->action_date = parse_date8(d);
	fixed(s->line, len, 284, 8, d, sizeof(d));
	p->term = parse_date8(d);
	fixed(s->line, len, 292, 1, act, sizeof(act));
	p->action = act[0];
	return 0;
}

int
clm_csb_read_hcpcs(struct clm_csb_ctx *c, struct clm_csb_src *s, struct clm_error *err)
{
	struct hcpcs_pending *p = clm_xcalloc(1, sizeof(*p));
	size_t len;
	int got, rc = 0;

	while (rc == 0 && (got = clm_csb_line(s, &len, err)) > 0) {
		char text[128];

		if (len == 0)
			continue;
		if (len < 11) {
			rc = bad_line(s, err, "short HCPCS record");
			break;
		}
		switch (s->line[10]) {
		case '3':
		case '7':
			rc = hcpcs_first(c, s, len, s->line[10] == '7', p, err);
			break;
		case '4':
		case '8':
			fixed(s->line, len, 11, 80, text, sizeof(text));
			hcpcs_append(p, text);
			break;
		default:
			rc = bad_line(s, err, "HCPCS record identification "
			    "code is not 3, 4, 7 or 8");
		}
	}
	if (rc == 0)
		rc = got < 0 ? got : hcpcs_flush(c, p, err);
	free(p);
	return rc;
}

/* ---- CSV sources (MUE, NUCC taxonomy) ---- */

static long
csv_read_fn(void *ctx, void *buf, size_t size, struct clm_error *err)
{
	return clm_csb_read(ctx, buf, size, err);
}

typedef int (*csv_row_fn)(struct clm_csb_ctx *c, const struct clm_row *row,
    size_t n, struct clm_error *err);

static int
each_csv_row(struct clm_csb_ctx *c, struct clm_csb_src *s, csv_row_fn fn,
    struct clm_error *err)
{
	struct clm_csv *r = clm_csv_open_fn(csv_read_fn, s, s->name, ',');
	struct clm_row *row = clm_row_new();
	int got, rc = 0;
	size_t n;

	while (rc == 0 && (got = clm_csv_next(r, row, err)) > 0) {
		n = row->n;
		rc = fn(c, row, n, err);
	}
	if (rc == 0 && got < 0)
		rc = got;
	clm_row_free(row);
	clm_csv_close(r);
	return rc;
}

static int
code_ok(const char *s, size_t min, size_t max)
{
	size_t n = strlen(s);

	if (n < min || n > max)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!isalnum((unsigned char)s[i]))
			return 0;
	return 1;
}

/* "0001U,1,2 Date of Service Edit: Policy,..."; other rows are notices. */
static int
mue_row(struct clm_csb_ctx *c, const struct clm_row *row, size_t n,
    struct clm_error *err)
{
	const char *code, *val, *mai;
	struct clm_idx_mue *e;
	char *end;
	long v;

	if (n < 3)
		return 0;
	code = clm_row_value(row, 0);
	val = clm_row_value(row, 1);
	mai = clm_row_value(row, 2);
	v = strtol(val, &end, 10);
	if (!code_ok(code, 5, 5) || *val == '\0' || *end != '\0' ||
	    mai[0] < '1' || mai[0] > '3')
		return 0;
	if (v < 0 || v > 1000000)
		return clm_error_set(err, CLM_EFORMAT, c->src, 0,
		    "MUE value %ld for %s out of range", v, code);
	if (CSB_PUSH(c->b, c->b->mue, err, c->src) < 0)
		return -CLM_ELIMIT;
	e = &c->b->mue.v[c->b->mue.n - 1];
	clm_csb_field(e->code, sizeof(e->code), code);
	e->value = (int32_t)v;
	e->mai = (uint8_t)(mai[0] - '0');
	e->del = (int32_t)-(c->rel + 1);
	c->b->rel.v[c->rel].r.count++;
	return 0;
}

int
clm_csb_read_mue(struct clm_csb_ctx *c, struct clm_csb_src *s, struct clm_error *err)
{
	return each_csv_row(c, s, mue_row, err);
}

static int
taxonomy_row(struct clm_csb_ctx *c, const struct clm_row *row, size_t n,
    struct clm_error *err)
{
	const char *code = clm_row_value(row, 0), *desc;

	if (n < 4 || !code_ok(code, 10, 10))
		return 0;	/* the header */
	desc = n >= 7 && *clm_row_value(row, 6) ? clm_row_value(row, 6) :
	    clm_row_value(row, 2);
	return clm_csb_obs(c->b, c->rel, CLM_SYS_TAXONOMY, code, CLM_IDX_VALID,
	    clm_csb_str(c->b, desc, strlen(desc)), 0, 0, err, c->src);
}

int
clm_csb_read_taxonomy(struct clm_csb_ctx *c, struct clm_csb_src *s,
    struct clm_error *err)
{
	return each_csv_row(c, s, taxonomy_row, err);
}

/* ---- tab-delimited sources ---- */

/* Split s->line at tabs into up to max fields; returns the count. */
static size_t
split_tabs(char *line, char **f, size_t max)
{
	size_t n = 0;

	f[n++] = line;
	for (char *p = line; *p != '\0' && n < max; p++)
		if (*p == '\t') {
			*p = '\0';
			f[n++] = p + 1;
		}
	return n;
}

static int
ptp_push(struct clm_csb_ctx *c, const char *c1, const char *c2, long eff,
    long del, int mi, struct clm_error *err)
{
	struct clm_idx_ptp *e;

	if (CSB_PUSH(c->b, c->b->ptp, err, c->src) < 0)
		return -CLM_ELIMIT;
	e = &c->b->ptp.v[c->b->ptp.n - 1];
	clm_csb_field(e->c1, sizeof(e->c1), c1);
	clm_csb_field(e->c2, sizeof(e->c2), c2);
	e->eff = (int32_t)eff;
	e->del = (int32_t)del;
	e->mi = (uint8_t)mi;
	c->b->rel.v[c->rel].r.count++;
	return 0;
}

/*
 * Official rows: col1, col2, prior-1996 '*', effective, deletion or '*',
 * modifier indicator, rationale.  The 3-column list: col1, col2, MI, in
 * force for the release's dates.  Header and notice lines are skipped.
 */
int
clm_csb_read_ptp(struct clm_csb_ctx *c, struct clm_csb_src *s, struct clm_error *err)
{
	size_t len;
	int got;

	while ((got = clm_csb_line(s, &len, err)) > 0) {
		char *f[8];
		size_t n = split_tabs(s->line, f, 8);
		long eff, del;
		int rc, mi;

		if (n < 3 || !code_ok(f[0], 5, 5) || !code_ok(f[1], 5, 5))
			continue;
		mi = n >= 6 ? f[5][0] : f[2][0];
		if (mi != '0' && mi != '1' && mi != '9')
			return bad_line(s, err, "PTP modifier indicator is not "
			    "0, 1 or 9");
		if (n >= 6) {
			eff = parse_date8(f[3]);
			del = strcmp(f[4], "*") == 0 ? 0 : parse_date8(f[4]);
			if (eff == 0 || (del == 0 && strcmp(f[4], "*") != 0))
				return bad_line(s, err, "PTP row dates are not "
				    "CCYYMMDD (deletion '*' = none)");
		} else {
			eff = 0;
			del = -(c->rel + 1);
		}
		if ((rc = ptp_push(c, f[0], f[1], eff, del, mi - '0', err)) < 0)
			return rc;
	}
	return got;
}

static unsigned
mce_flag(const char *type)
{
	static const struct { const char *name; unsigned flag; } map[] = {
		{ "Newborn_Only", CLM_ICD_AGE_NEWBORN },
		{ "Pediatric_Only", CLM_ICD_AGE_PEDIATRIC },
		{ "Maternity_Only", CLM_ICD_AGE_MATERNITY },
		{ "Adult_Only", CLM_ICD_AGE_ADULT },
		{ "Female_Only", CLM_ICD_SEX_FEMALE },
		{ "Male_Only", CLM_ICD_SEX_MALE },
		{ "Principal_Manifestation", CLM_ICD_MCE_MANIFEST },
	};

	for (size_t i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		if (strcmp(type, map[i].name) == 0)
			return map[i].flag;
	return 0;
}

/* Version, ICD version, section, subsection, edit type, D/P, code, desc. */
int
clm_csb_read_mce(struct clm_csb_ctx *c, struct clm_csb_src *s, struct clm_error *err)
{
	size_t len;
	int got;

	while ((got = clm_csb_line(s, &len, err)) > 0) {
		char *f[9];
		size_t n = split_tabs(s->line, f, 9);
		unsigned flag;
		struct clm_idx_mce *e;

		if (n < 7 || strcmp(f[5], "D") != 0 ||
		    (flag = mce_flag(f[4])) == 0)
			continue;	/* header, procedures, other edits */
		if (!icd_key_ok(f[6]))
			return bad_line(s, err, "MCE row without an ICD-10-CM "
			    "code");
		if (CSB_PUSH(c->b, c->b->mce, err, c->src) < 0)
			return -CLM_ELIMIT;
		e = &c->b->mce.v[c->b->mce.n - 1];
		clm_csb_field(e->code, sizeof(e->code), f[6]);
		e->release = (uint16_t)c->rel;
		e->flags = (uint16_t)flag;
		c->b->rel.v[c->rel].r.count++;
	}
	return got;
}

/* ---- hand-written lists ---- */

static int
list_dates(struct clm_csb_src *s, char **f, size_t n, long *from, long *to,
    struct clm_error *err)
{
	*from = *to = 0;
	if (n < 4 || f[3][0] == '\0')
		return 0;
	*from = parse_date8(f[3]);
	*to = n >= 5 && f[4][0] != '\0' ? parse_date8(f[4]) : 0;
	if (*from == 0 || (n >= 5 && f[4][0] != '\0' && *to == 0) ||
	    (*to != 0 && *to < *from))
		return bad_line(s, err, "list dates must be CCYYMMDD, FROM "
		    "not after TO");
	return 0;
}

int
clm_csb_read_list(struct clm_csb_ctx *c, struct clm_csb_src *s, int sys,
    struct clm_error *err)
{
	size_t len;
	int got;

	while ((got = clm_csb_line(s, &len, err)) > 0) {
		char *f[6], key[16];
		size_t n;
		long from, to;
		int rc;

		if (s->line[0] == '#' || len == 0)
			continue;
		n = split_tabs(s->line, f, 6);
		if (n < 3 || (f[1][0] != '0' && f[1][0] != '1') || f[1][1] ||
		    clm_code_key(f[0], key, sizeof(key)) < 0)
			return bad_line(s, err, "expected CODE<TAB>FLAG "
			    "(1 valid, 0 header)<TAB>DESCRIPTION"
			    "[<TAB>FROM<TAB>TO]");
		if ((rc = list_dates(s, f, n, &from, &to, err)) < 0)
			return rc;
		if (from != 0 && to == 0 && c->to != 0)
			to = c->to;
		rc = clm_csb_obs(c->b, c->rel, sys, key, f[1][0] - '0',
		    clm_csb_str(c->b, f[2], strlen(f[2])), from, to, err, s->name);
		if (rc < 0)
			return rc;
	}
	return got;
}
