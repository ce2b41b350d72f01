#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clm_codecheck.h"
#include "clm_codecheck_attr.h"
#include "clm_codecheck_int.h"

/*
 * The HCPCS Level II file carries the Level II modifiers without making a
 * modifier release of its own: the index knows modifiers when it resolves
 * common ones.
 */
static int
knows_modifiers(const struct clm_codeset *cs)
{
	static const char *const probe[] = { "GP", "LT", "KX", "25" };
	struct clm_code_info info;

	for (size_t i = 0; i < sizeof(probe) / sizeof(probe[0]); i++)
		if (clm_codeset_lookup(cs, CLM_SYS_MODIFIER, probe[i], 0,
		    &info) != CLM_CODE_UNKNOWN)
			return 1;
	return 0;
}

static size_t
count_tabular(const struct clm_codeset *cs)
{
	struct clm_release rel;
	size_t n = 0;

	for (size_t i = 0; i < clm_codeset_release_count(cs); i++)
		n += clm_codeset_release(cs, i, &rel) &&
		    rel.kind == CLM_REL_TABULAR;
	return n;
}

struct clm_cc *
clm_cc_new(const struct clm_cc_options *opt)
{
	struct clm_cc *cc = clm_xcalloc(1, sizeof(*cc));
	const struct clm_codeset *cs = opt->cs;
	struct clm_code_info info;

	cc->opt = *opt;
	if (cs != NULL) {
		cc->has_icd = clm_codeset_has(cs, CLM_SYS_ICD10CM);
		cc->has_hcpcs = clm_codeset_has(cs, CLM_SYS_HCPCS);
		cc->has_cpt = clm_codeset_has(cs, CLM_SYS_CPT);
		cc->has_mod = clm_codeset_has(cs, CLM_SYS_MODIFIER) ||
		    knows_modifiers(cs);
		cc->has_pos = clm_codeset_has(cs, CLM_SYS_POS);
		cc->has_tax = clm_codeset_has(cs, CLM_SYS_TAXONOMY);
		cc->one_tabular = count_tabular(cs) <= 1;
		/* numeric (CPT) modifiers only when the index lists them */
		cc->cpt_mods = cc->has_cpt || (cc->has_mod &&
		    clm_codeset_lookup(cs, CLM_SYS_MODIFIER, "25", 0,
		    &info) != CLM_CODE_UNKNOWN);
	}
	return cc;
}

void
clm_cc_free(struct clm_cc *cc)
{
	if (cc == NULL)
		return;
	free(cc->dates);
	free(cc);
}

const char *
clm_cc_release(const struct clm_code_info *info, char *buf, size_t size)
{
	if (info->release != NULL && info->release[0] != '\0')
		snprintf(buf, size, " (%s)", info->release);
	else
		buf[0] = '\0';
	return buf;
}

int
clm_cc_from_starter(const struct clm_code_info *info)
{
	struct clm_release r;

	memset(&r, 0, sizeof(r));
	r.name = info->release;
	return info->release != NULL && clm_release_is_starter(&r);
}

static unsigned
span_slot(const char *code)
{
	unsigned h = 2166136261u;	/* FNV-1a */

	for (; *code != '\0'; code++)
		h = (h ^ (unsigned char)*code) * 16777619u;
	return h & (CLM_CC_CACHE - 1);
}

enum clm_code_state
clm_cc_dx_state(struct clm_cc *cc, const char *code, long date,
    struct clm_code_info *info)
{
	struct cc_valid_span *e = &cc->cache[span_slot(code)];
	enum clm_code_state st;

	if (strcmp(e->code, code) == 0 && date >= e->from &&
	    (e->to == 0 || date <= e->to))
		return CLM_CODE_VALID;
	memset(info, 0, sizeof(*info));
	st = clm_codeset_lookup(cc->opt.cs, CLM_SYS_ICD10CM, code, date, info);
	if (st == CLM_CODE_VALID && info->valid_from > 0) {
		snprintf(e->code, sizeof(e->code), "%s", code);
		e->from = info->valid_from;
		e->to = info->valid_to;
	}
	return st;
}

static struct cc_attr_answer *
attr_answer(struct clm_cc *cc, const char *code, long date)
{
	unsigned slot = (span_slot(code) ^ (unsigned)date * 2654435761u) &
	    (CLM_CC_ATTR_CACHE - 1);
	struct cc_attr_answer *e = &cc->attrs[slot];

	if (e->date == date && strcmp(e->code, code) == 0)
		return e;
	e->date = (int32_t)date;
	snprintf(e->code, sizeof(e->code), "%s", code);
	e->flags = clm_cc_attr_flags(cc->opt.cs, code, date);
	e->manifest = -1;	/* asked for separately: dx1 only */
	return e;
}

unsigned
clm_cc_dx_flags(struct clm_cc *cc, const char *code, long date)
{
	return attr_answer(cc, code, date)->flags;
}

int
clm_cc_dx_manifestation(struct clm_cc *cc, const char *code, long date)
{
	struct cc_attr_answer *e = attr_answer(cc, code, date);

	if (e->manifest < 0)
		e->manifest = clm_cc_attr_manifestation(cc->opt.cs, code, date);
	return e->manifest;
}

/*
 * With at most one tabular release every date gets the same notes, so the
 * answer is kept per pair; with several it is kept per pair and date.
 */
int
clm_cc_excludes1(struct clm_cc *cc, const char *a, const char *b, long date)
{
	long key = cc->one_tabular ? 0 : date;
	unsigned slot = (span_slot(a) * 31u + span_slot(b) + (unsigned)key) &
	    (CLM_CC_CACHE - 1);
	struct cc_pair_answer *e = &cc->pairs[slot];

	if (e->date == key && e->a[0] != '\0' && strcmp(e->a, a) == 0 &&
	    strcmp(e->b, b) == 0)
		return e->excluded;
	e->excluded = clm_cc_attr_excludes1(cc->opt.cs, a, b, date, NULL,
	    NULL);
	e->date = key;
	memcpy(e->a, a, strlen(a) + 1);		/* both < CLM_CODES_DX_MAX */
	memcpy(e->b, b, strlen(b) + 1);
	return e->excluded;
}

const char *
clm_cc_quote(const char *v, char *buf, size_t size)
{
	if (clm_codes_quotable(v))
		snprintf(buf, size, "'%s'", v);
	else
		snprintf(buf, size, "(a value that does not look like a code, "
		    "not shown)");
	return buf;
}

long
clm_cc_line_no(const struct cc_claim *k, const struct clm_row *r)
{
	return strtol(clm_row_get(r, k->h, CLM_COL_LINE_NO), NULL, 10);
}

static int
cmp_long(const void *a, const void *b)
{
	long x = *(const long *)a, y = *(const long *)b;

	return (x > y) - (x < y);
}

/* The claim's distinct service dates (dos_from), ascending. */
static void
collect_dates(struct cc_claim *k)
{
	struct clm_cc *cc = k->cc;
	size_t n = 0;

	if (cc->dates_cap < k->c->n + 1) {
		cc->dates_cap = k->c->n + 1;
		cc->dates = clm_xrealloc(cc->dates,
		    cc->dates_cap * sizeof(*cc->dates));
	}
	for (size_t i = 0; i < k->c->n; i++) {
		long d = clm_codes_date_any(clm_row_get(k->c->rows[i], k->h,
		    CLM_COL_DOS_FROM));

		if (d > 0)
			cc->dates[n++] = d;
	}
	if (n == 0 && cc->opt.today > 0)
		cc->dates[n++] = cc->opt.today;
	qsort(cc->dates, n, sizeof(*cc->dates), cmp_long);
	k->ndates = 0;
	for (size_t i = 0; i < n; i++)
		if (k->ndates == 0 || cc->dates[i] != cc->dates[k->ndates - 1])
			cc->dates[k->ndates++] = cc->dates[i];
	k->dates = cc->dates;
}

/* The patient's sex and birth date (the subscriber's when self). */
static void
find_patient(struct cc_claim *k)
{
	const char *rel = clm_row_get(k->r0, k->h, CLM_COL_PAT_REL);
	int self = rel[0] == '\0' || strcmp(rel, "18") == 0;
	const char *sex = clm_row_get(k->r0, k->h,
	    self ? CLM_COL_SUB_SEX : CLM_COL_PAT_SEX);

	k->dob = clm_codes_date_any(clm_row_get(k->r0, k->h,
	    self ? CLM_COL_SUB_DOB : CLM_COL_PAT_DOB));
	k->sex = (strcmp(sex, "F") == 0 || strcmp(sex, "M") == 0) ? sex[0] : 0;
}

void
clm_cc_check(struct clm_cc *cc, const struct clm_claim *c,
    const struct clm_header *h, struct clm_findings *f)
{
	struct cc_claim k;

	if (c->n == 0)
		return;
	memset(&k, 0, sizeof(k));
	k.cc = cc;
	k.cs = cc->opt.cs;
	k.c = c;
	k.h = h;
	k.f = f;
	k.r0 = c->rows[0];
	collect_dates(&k);
	find_patient(&k);
	clm_cc_check_dx(&k);
	clm_cc_check_claim_codes(&k);
	for (size_t i = 0; i < c->n; i++)
		clm_cc_check_line(&k, c->rows[i]);
}

static int
cc_stage_start(void *ctx, struct clm_header *h, struct clm_error *err)
{
	(void)err;
	((struct clm_cc *)ctx)->h = h;
	return 0;
}

static int
cc_stage_claim(void *ctx, const struct clm_next *next, struct clm_item *it,
    struct clm_error *err)
{
	struct clm_cc *cc = ctx;

	(void)next;
	(void)err;
	clm_cc_check(cc, &it->c, cc->h, &it->f);
	return CLM_STAGE_PASS;
}

struct clm_stage
clm_cc_stage(struct clm_cc *cc)
{
	struct clm_stage s = { "code-check", cc, cc_stage_start,
	    cc_stage_claim, NULL };

	return s;
}
