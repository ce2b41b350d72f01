/*
 * clm_x12in_837p - the 837P loop state machine: which loop a segment opens
 * or belongs to (005010X222A1 as in the pyx12 map), the hierarchy checks,
 * and the mapping of elements to record columns (docs/record-format.md).
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clm_837p.h"
#include "clm_x12in_impl.h"
#include "clm_x12spec.h"

struct loop_info {
	const char *name;
	enum clm_x12in_levelid level;
};

static const struct loop_info loops[L_COUNT] = {
	[L_NONE] = { "envelope", LV_ST },
	[L_HDR] = { "header", LV_ST },
	[L_1000A] = { "1000A", LV_ST },
	[L_1000B] = { "1000B", LV_ST },
	[L_2000A] = { "2000A", LV_BILL },
	[L_2010AA] = { "2010AA", LV_BILL },
	[L_2010AB] = { "2010AB", LV_BILL },
	[L_2010AC] = { "2010AC", LV_BILL },
	[L_2000B] = { "2000B", LV_SUB },
	[L_2010BA] = { "2010BA", LV_SUB },
	[L_2010BB] = { "2010BB", LV_SUB },
	[L_2000C] = { "2000C", LV_PAT },
	[L_2010CA] = { "2010CA", LV_PAT },
	[L_2300] = { "2300", LV_PAT },
	[L_2310A] = { "2310A", LV_PAT },
	[L_2310B] = { "2310B", LV_PAT },
	[L_2310C] = { "2310C", LV_PAT },
	[L_2310D] = { "2310D", LV_PAT },
	[L_2310E] = { "2310E", LV_PAT },
	[L_2310F] = { "2310F", LV_PAT },
	[L_2320] = { "2320", LV_PAT },
	[L_2330A] = { "2330A", LV_PAT },
	[L_2330B] = { "2330B", LV_PAT },
	[L_2330C] = { "2330C", LV_PAT },
	[L_2330D] = { "2330D", LV_PAT },
	[L_2330E] = { "2330E", LV_PAT },
	[L_2330F] = { "2330F", LV_PAT },
	[L_2330G] = { "2330G", LV_PAT },
	[L_2400] = { "2400", LV_PAT },
	[L_2410] = { "2410", LV_PAT },
	[L_2420A] = { "2420A", LV_PAT },
	[L_2420B] = { "2420B", LV_PAT },
	[L_2420C] = { "2420C", LV_PAT },
	[L_2420D] = { "2420D", LV_PAT },
	[L_2420E] = { "2420E", LV_PAT },
	[L_2420F] = { "2420F", LV_PAT },
	[L_2420G] = { "2420G", LV_PAT },
	[L_2420H] = { "2420H", LV_PAT },
	[L_2430] = { "2430", LV_PAT },
	[L_2440] = { "2440", LV_PAT },
};

const char *
clm_x12in_loop_name(enum clm_x12in_loop l)
{
	return loops[l].name;
}

enum clm_x12in_levelid
clm_x12in_loop_level(enum clm_x12in_loop l)
{
	return loops[l].level;
}

/* Segment codes each loop allows, from the strings above (built once). */
#define MAX_ALLOWED 20
#define AHASH 64
static unsigned allowed_codes[L_COUNT][MAX_ALLOWED];
static unsigned char allowed_pos[L_COUNT][AHASH];	/* by code hash, 0 */
static pthread_once_t allowed_once = PTHREAD_ONCE_INIT;	/* read-only after */

static unsigned
ahash(unsigned code)
{
	return (code * 2654435761u) >> 26 & (AHASH - 1);
}

static void
build_allowed(void)
{
	for (int l = 0; l < L_COUNT; l++) {
		/* segments inside the loop after its first, guide order */
		const char *p = clm_x12spec_loop_segments(&clm_x12spec_837p,
		    loops[l].name);
		int n = 0;

		while (p != NULL && *p != '\0' && n < MAX_ALLOWED) {
			char id[4];
			size_t len;

			p += strspn(p, " ");
			len = strcspn(p, " ");
			if (len == 0 || len > 3)
				break;
			memcpy(id, p, len);
			id[len] = '\0';
			allowed_codes[l][n] = clm_x12in_code(id);
			for (unsigned h = ahash(allowed_codes[l][n]);; h = (h + 1) &
			    (AHASH - 1))
				if (allowed_pos[l][h] == 0) {
					allowed_pos[l][h] = (unsigned char)(n + 1);
					break;
				}
			n++;
			p += len;
		}
	}
}

/* Position (from 1, guide order) of code in loop l, 0 when not allowed. */
static int
allowed(enum clm_x12in_loop l, unsigned code)
{
	pthread_once(&allowed_once, build_allowed);
	for (unsigned h = ahash(code), k; (k = allowed_pos[l][h]) != 0;
	    h = (h + 1) & (AHASH - 1))
		if (allowed_codes[l][k - 1] == code)
			return (int)k;
	return 0;
}

/*
 * Segment order inside a loop: each segment's guide position must not be
 * below the previous one's (repeats stand together).  A segment that
 * opens a loop starts the count again.
 */
static void
check_order(struct clm_x12in *x, const struct clm_x12in_seg *s)
{
	int k;

	if (x->loop != x->order_loop || CLM_X12IN_IS(s, "HL") ||
	    CLM_X12IN_IS(s, "NM1") || CLM_X12IN_IS(s, "CLM") ||
	    CLM_X12IN_IS(s, "LX") || (CLM_X12IN_IS(s, "SBR") && x->loop ==
	    L_2320) || CLM_X12IN_IS(s, "LIN") || CLM_X12IN_IS(s, "SVD") ||
	    CLM_X12IN_IS(s, "LQ")) {
		x->order_loop = x->loop;
		x->order_last = 0;
		return;
	}
	if ((k = allowed(x->loop, s->code)) == 0)
		return;
	if (k < x->order_last)
		clm_x12in_find_at(x, s, CLM_EDIT_X12_SEGMENT_ORDER, 0, 0, "7",
		    "%s stands after a segment the 837P places later in loop "
		    "%s", s->id, clm_x12in_loop_name(x->loop));
	else
		x->order_last = k;
}

/* ---- small helpers ----------------------------------------------------- */

static int
is(const struct clm_x12in_seg *s, size_t i, const char *v)
{
	return clm_x12in_el_is(s, i, v);
}

static void
put(struct clm_x12in *x, const struct clm_x12in_seg *s, enum clm_column col,
    size_t i)
{
	const char *p;
	size_t len = clm_x12in_el(s, i, &p);

	clm_x12in_put(x, col, p, len);
}

/*
 * The component separator element i really uses: ISA16, or, when the
 * element holds none but another usual separator, that one (reported).
 */
static char
comp_of(struct clm_x12in *x, const struct clm_x12in_seg *s, size_t i)
{
	static const char cand[] = ":>^!|\\";
	const struct clm_x12in_delims *d = clm_x12in_tok_delims(x->tok);
	const char *p;
	size_t len = clm_x12in_el(s, i, &p);

	if (len == 0 || memchr(p, d->comp, len) != NULL)
		return d->comp;
	for (const char *c = cand; *c; c++) {
		if (*c == d->comp || *c == d->elem || *c == d->seg ||
		    *c == d->rep || memchr(p, *c, len) == NULL)
			continue;
		if (x->comp_pos == s->pos)
			return *c;
		x->comp_pos = s->pos;
		clm_x12in_find_at(x, s, CLM_EDIT_X12_COMPONENT, (int)i, 0, "7",
		    "%s%02zu uses "
		    "'%c' between components where ISA16 declares '%c'; read "
		    "with '%c'", s->id, i, *c, d->comp, *c);
		return *c;
	}
	return d->comp;
}

static void
put_comp(struct clm_x12in *x, const struct clm_x12in_seg *s,
    enum clm_column col, size_t i, size_t k, char comp)
{
	const char *p;
	size_t len = clm_x12in_comp(s, i, k, comp, &p);

	clm_x12in_put(x, col, p, len);
}

static void
not_carried(struct clm_x12in *x, const struct clm_x12in_seg *s,
    const char *what)
{
	struct clm_x12in_claim *c = &x->claim;
	char key[8];

	snprintf(key, sizeof(key), "%s%d", s->id, (int)x->loop);
	for (int i = 0; x->open && i < c->ncarried; i++)
		if (strcmp(c->carried[i], key) == 0)
			return;
	if (x->open && c->ncarried < (int)(sizeof(c->carried) /
	    sizeof(c->carried[0])))
		snprintf(c->carried[c->ncarried++], sizeof(c->carried[0]),
		    "%s", key);
	clm_x12in_find(x, s, CLM_EDIT_X12_NOT_CARRIED, "", "%s has no record "
	    "column; not carried", what ? what : s->id);
}

static void
repeat(struct clm_x12in *x, const struct clm_x12in_seg *s, const char *what,
    int max, const char *per)
{
	clm_x12in_find(x, s, CLM_EDIT_X12_REPEAT, "", "%s repeats more than %d "
	    "times in one %s", what, max, per);
}

/* CAS repeats at most 5 times in a 2320 or a 2430 (all are carried). */
static void
count_cas(struct clm_x12in *x, const struct clm_x12in_seg *s)
{
	if (CLM_X12IN_IS(s, "CAS") && ++x->claim.ncas == 6)
		repeat(x, s, "CAS (adjustment)", 5, x->loop == L_2430 ?
		    "loop 2430" : "loop 2320");
}

static void
unexpected(struct clm_x12in *x, const struct clm_x12in_seg *s)
{
	if (s->id[0] == '\0')
		clm_x12in_find(x, s, CLM_EDIT_X12_SEGMENT_UNEXPECTED, "",
		    "not a segment: no valid segment id");
	else
		clm_x12in_find(x, s, CLM_EDIT_X12_SEGMENT_UNEXPECTED, "",
		    "%s is not allowed here", s->id);
}

/* N3 and N4 into the five address columns starting at addr1. */
static void
address(struct clm_x12in *x, const struct clm_x12in_seg *s,
    enum clm_column addr1)
{
	if (CLM_X12IN_IS(s, "N3")) {
		put(x, s, addr1, 1);
		put(x, s, addr1 + 1, 2);
	} else {
		put(x, s, addr1 + 2, 1);
		put(x, s, addr1 + 3, 2);
		put(x, s, addr1 + 4, 3);
	}
}

static void
date_d8(struct clm_x12in *x, const struct clm_x12in_seg *s,
    enum clm_column from, enum clm_column to)
{
	const char *p;
	size_t len = clm_x12in_el(s, 3, &p);

	if (is(s, 2, "RD8") && len == 17 && p[8] == '-') {
		clm_x12in_put(x, from, p, 8);
		if (to != from)
			clm_x12in_put(x, to, p + 9, 8);
		else
			clm_x12in_put(x, from, p, len);
	} else {
		clm_x12in_put(x, from, p, len);
	}
}

/* ---- hierarchy --------------------------------------------------------- */

static void
hl_check(struct clm_x12in *x, const struct clm_x12in_seg *s, long id,
    long parent, long want_parent, const char *level)
{
	if (id != x->hl_last + 1)
		clm_x12in_find(x, s, CLM_EDIT_X12_HL_SEQUENCE, "", "HL01 is %ld, "
		    "expected %ld", id, x->hl_last + 1);
	if (parent != want_parent)
		clm_x12in_find(x, s, CLM_EDIT_X12_HL_PARENT, "", "HL02 names "
		    "parent %ld; the %s level must be under HL %ld", parent,
		    level, want_parent);
}

static long
num(const struct clm_x12in_seg *s, size_t i)
{
	char buf[16], *end;
	const char *p;
	size_t len = clm_x12in_el(s, i, &p);
	long v;

	if (len == 0 || len >= sizeof(buf))
		return len == 0 ? 0 : -1;
	for (v = 0; v >= 0 && (size_t)v < len && p[v] >= '0' && p[v] <= '9';
	    v++)
		;
	if ((size_t)v == len) {		/* digits only: no strtol needed */
		long r = 0;

		for (size_t k = 0; k < len; k++)
			r = r * 10 + (p[k] - '0');
		return r;
	}
	memcpy(buf, p, len);
	buf[len] = '\0';
	v = strtol(buf, &end, 10);
	return *end == '\0' ? v : -1;
}

static void
need(struct clm_x12in *x, const struct clm_x12in_seg *s, int missing,
    const char *field, const char *what)
{
	if (missing)
		clm_x12in_find(x, s, CLM_EDIT_X12_REQUIRED, field, "%s is missing",
		    what);
}

/* At a claim: the loops above it that the 837P requires. */
static void
required_context(struct clm_x12in *x, const struct clm_x12in_seg *s)
{
	unsigned b = x->lv[LV_BILL].seen, u = x->lv[LV_SUB].seen;
	unsigned p = x->lv[LV_PAT].seen;
	int sub = x->hl_level >= 22, self = x->hl_level == 22;

	need(x, s, x->hl_bill > 0 && !(b & SEEN_NM1), "bill_npi",
	    "loop 2010AA (billing provider NM1*85)");
	need(x, s, (b & SEEN_NM1) && !((b & SEEN_N3) && (b & SEEN_N4)),
	    "bill_addr1", "the billing provider address (2010AA N3, N4)");
	need(x, s, (b & SEEN_NM1) && !(b & SEEN_REF), "bill_tin",
	    "the billing provider tax id (2010AA REF*EI or REF*SY)");
	need(x, s, sub && !(u & SEEN_SBR), "payer_seq",
	    "the subscriber information (2000B SBR)");
	need(x, s, sub && !(u & SEEN_IL), "sub_id",
	    "loop 2010BA (subscriber NM1*IL)");
	need(x, s, sub && !(u & SEEN_PR), "payer_id",
	    "loop 2010BB (payer NM1*PR)");
	need(x, s, self && (u & SEEN_IL) && !((u & SEEN_N3) && (u & SEEN_N4)),
	    "sub_addr1", "the address of the subscriber who is the patient "
	    "(2010BA N3, N4)");
	need(x, s, self && (u & SEEN_IL) && !(u & SEEN_DMG), "sub_dob",
	    "the birth date and sex of the subscriber who is the patient "
	    "(2010BA DMG)");
	need(x, s, x->hl_level == 23 && !(p & SEEN_NM1), "pat_last",
	    "loop 2010CA (patient NM1*QC)");
	need(x, s, x->hl_level == 23 && (p & SEEN_NM1) &&
	    !((p & SEEN_N3) && (p & SEEN_N4) && (p & SEEN_DMG)), "pat_addr1",
	    "the patient's address or birth date (2010CA N3, N4, DMG)");
}

static int
hl(struct clm_x12in *x, const struct clm_x12in_seg *s)
{
	long id = num(s, 1), parent = num(s, 2);

	if (x->loop == L_HDR || x->loop == L_1000A)
		clm_x12in_find(x, s, CLM_EDIT_X12_REQUIRED, "", "loop 1000B "
		    "(receiver NM1*40) is missing");
	if (is(s, 3, "20")) {
		for (int lv = LV_BILL; lv < LV_COUNT; lv++)
			clm_x12in_level_reset(&x->lv[lv]);
		x->loop = L_2000A;
		hl_check(x, s, id, parent, 0, "billing provider");
		x->hl_bill = id;
		x->hl_level = 20;
	} else if (is(s, 3, "22")) {
		clm_x12in_level_reset(&x->lv[LV_SUB]);
		clm_x12in_level_reset(&x->lv[LV_PAT]);
		x->loop = L_2000B;
		hl_check(x, s, id, parent, x->hl_bill, "subscriber");
		x->hl_sub = id;
		x->hl_level = 22;
	} else if (is(s, 3, "23")) {
		clm_x12in_level_reset(&x->lv[LV_PAT]);
		x->loop = L_2000C;
		hl_check(x, s, id, parent, x->hl_sub, "patient");
		x->hl_level = 23;
	} else {
		clm_x12in_find(x, s, CLM_EDIT_X12_SEGMENT_UNEXPECTED, "", "HL03 "
		    "level code is not 20, 22 or 23");
	}
	if (id > 0)
		x->hl_last = id;
	x->hl_claims = 0;
	return 0;
}

/* ---- NM1: which loop each entity code opens where ---------------------- */

static enum clm_x12in_loop
nm1_loop(enum clm_x12in_loop cur, const struct clm_x12in_seg *s)
{
	static const struct {
		enum clm_x12in_loop from, to;
		const char *code;
		enum clm_x12in_loop loop;
	} map[] = {
		{ L_HDR, L_1000A, "41", L_1000A },
		{ L_1000A, L_1000B, "40", L_1000B },
		{ L_2000A, L_2010AC, "85", L_2010AA },
		{ L_2000A, L_2010AC, "87", L_2010AB },
		{ L_2000A, L_2010AC, "PE", L_2010AC },
		{ L_2000B, L_2010BB, "IL", L_2010BA },
		{ L_2000B, L_2010BB, "PR", L_2010BB },
		{ L_2000C, L_2010CA, "QC", L_2010CA },
		{ L_2300, L_2310F, "DN", L_2310A },
		{ L_2300, L_2310F, "P3", L_2310A },
		{ L_2300, L_2310F, "82", L_2310B },
		{ L_2300, L_2310F, "77", L_2310C },
		{ L_2300, L_2310F, "DQ", L_2310D },
		{ L_2300, L_2310F, "PW", L_2310E },
		{ L_2300, L_2310F, "45", L_2310F },
		{ L_2320, L_2330G, "IL", L_2330A },
		{ L_2320, L_2330G, "PR", L_2330B },
		{ L_2320, L_2330G, "DN", L_2330C },
		{ L_2320, L_2330G, "P3", L_2330C },
		{ L_2320, L_2330G, "82", L_2330D },
		{ L_2320, L_2330G, "77", L_2330E },
		{ L_2320, L_2330G, "DQ", L_2330F },
		{ L_2320, L_2330G, "85", L_2330G },
		{ L_2400, L_2420H, "82", L_2420A },
		{ L_2400, L_2420H, "QB", L_2420B },
		{ L_2400, L_2420H, "77", L_2420C },
		{ L_2400, L_2420H, "DQ", L_2420D },
		{ L_2400, L_2420H, "DK", L_2420E },
		{ L_2400, L_2420H, "DN", L_2420F },
		{ L_2400, L_2420H, "P3", L_2420F },
		{ L_2400, L_2420H, "PW", L_2420G },
		{ L_2400, L_2420H, "45", L_2420H },
	};

	for (size_t i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		if (cur >= map[i].from && cur <= map[i].to &&
		    is(s, 1, map[i].code))
			return map[i].loop;
	return L_NONE;
}

/* Person names and ids: NM103 last, NM104 first, NM105, NM107, NM109. */
static void
nm1_names(struct clm_x12in *x, const struct clm_x12in_seg *s,
    enum clm_column last, enum clm_column first, enum clm_column middle,
    enum clm_column suffix)
{
	put(x, s, last, 1 + 2);
	if (first != CLM_COL_COUNT)
		put(x, s, first, 4);
	if (middle != CLM_COL_COUNT)
		put(x, s, middle, 5);
	if (suffix != CLM_COL_COUNT)
		put(x, s, suffix, 7);
}

/* NM1 of the claim's provider and other-payer loops (2310, 2330, 2420). */
static void
nm1_claim_values(struct clm_x12in *x, const struct clm_x12in_seg *s)
{
	const enum clm_column none = CLM_COL_COUNT;

	switch (x->loop) {
	case L_2310A:
		if (*clm_x12in_get(x, CLM_COL_REF_LAST) || *clm_x12in_get(x,
		    CLM_COL_REF_NPI)) {
			not_carried(x, s, "a second referring provider");
			break;
		}
		nm1_names(x, s, CLM_COL_REF_LAST, CLM_COL_REF_FIRST, none,
		    none);
		put(x, s, CLM_COL_REF_NPI, 9);
		break;
	case L_2310B:
		nm1_names(x, s, CLM_COL_REND_LAST, CLM_COL_REND_FIRST, none,
		    none);
		put(x, s, CLM_COL_REND_NPI, 9);
		break;
	case L_2310C:
		put(x, s, CLM_COL_FAC_NAME, 3);
		put(x, s, CLM_COL_FAC_NPI, 9);
		break;
	case L_2330A:
		nm1_names(x, s, CLM_COL_OTH_SUB_LAST, CLM_COL_OTH_SUB_FIRST,
		    none, none);
		put(x, s, CLM_COL_OTH_SUB_ID, 9);
		break;
	case L_2330B:
		put(x, s, CLM_COL_OTH_PAYER_NAME, 3);
		put(x, s, CLM_COL_OTH_PAYER_ID, 9);
		break;
	case L_2420A:
		nm1_names(x, s, CLM_COL_LINE_REND_LAST, CLM_COL_LINE_REND_FIRST,
		    none, none);
		put(x, s, CLM_COL_LINE_REND_NPI, 9);
		break;
	default:
		not_carried(x, s, NULL);
	}
}

static void
nm1_values(struct clm_x12in *x, const struct clm_x12in_seg *s)
{
	const enum clm_column none = CLM_COL_COUNT;

	switch (x->loop) {
	case L_2010AA:
		put(x, s, CLM_COL_BILL_ENTITY, 2);
		nm1_names(x, s, CLM_COL_BILL_NAME, CLM_COL_BILL_FIRST, none,
		    none);
		put(x, s, CLM_COL_BILL_NPI, 9);
		break;
	case L_2010BA:
		nm1_names(x, s, CLM_COL_SUB_LAST, CLM_COL_SUB_FIRST,
		    CLM_COL_SUB_MIDDLE, CLM_COL_SUB_SUFFIX);
		put(x, s, CLM_COL_SUB_ID, 9);
		break;
	case L_2010BB:
		put(x, s, CLM_COL_PAYER_NAME, 3);
		put(x, s, CLM_COL_PAYER_ID, 9);
		break;
	case L_2010CA:
		nm1_names(x, s, CLM_COL_PAT_LAST, CLM_COL_PAT_FIRST,
		    CLM_COL_PAT_MIDDLE, CLM_COL_PAT_SUFFIX);
		break;
	case L_1000A:
	case L_1000B:
	case L_2010AB:
		break;
	default:
		if (x->loop >= L_2300)
			nm1_claim_values(x, s);
		else
			not_carried(x, s, NULL);
	}
}

static void
nm1(struct clm_x12in *x, const struct clm_x12in_seg *s)
{
	enum clm_x12in_loop l = nm1_loop(x->loop, s);
	struct clm_x12in_claim *c = &x->claim;

	if (l == L_NONE) {
		clm_x12in_find(x, s, CLM_EDIT_X12_SEGMENT_UNEXPECTED, "", "NM1 "
		    "with entity code %.*s is not allowed in loop %s",
		    (int)(s->nel && s->len[1] <= 3 ? s->len[1] : 0),
		    s->nel ? s->el[1] : "", clm_x12in_loop_name(x->loop));
		return;
	}
	x->loop = l;
	if (l >= L_2330A && l <= L_2330G && c->n2320 > 1)
		return;		/* a further other payer: not carried */
	if (l == L_2330A)
		c->seen2320 |= SEEN_IL;
	if (l == L_2330B)
		c->seen2320 |= SEEN_PR;
	if (l == L_2010AA || l == L_2010CA)
		x->lv[loops[l].level].seen |= SEEN_NM1;
	if (l == L_2010BA)
		x->lv[LV_SUB].seen |= SEEN_IL;
	if (l == L_2010BB)
		x->lv[LV_SUB].seen |= SEEN_PR;
	if (l >= L_2420A && l <= L_2420H && x->claim.nlines > 0 &&
	    x->claim.lines[x->claim.nlines - 1].nsvd > 0)
		clm_x12in_find(x, s, CLM_EDIT_X12_SEGMENT_UNEXPECTED, "", "loop "
		    "%s after loop 2430", clm_x12in_loop_name(l));
	nm1_values(x, s);
}

/* ---- claim (2300) ------------------------------------------------------ */

static void
clm(struct clm_x12in *x, const struct clm_x12in_seg *s)
{
	char comp;

	if (x->hl_level != 22 && x->hl_level != 23) {
		clm_x12in_find(x, s, CLM_EDIT_X12_SEGMENT_UNEXPECTED, "", "CLM "
		    "outside a subscriber or patient loop");
	} else if (x->hl_level == 22 && x->loop == L_2000C) {
		clm_x12in_find(x, s, CLM_EDIT_X12_SEGMENT_UNEXPECTED, "", "CLM "
		    "before the patient's NM1*QC");
	}
	if (x->loop < L_2300) {
		x->loop = L_2300;
		required_context(x, s);
	}
	if (++x->hl_claims == 101)
		repeat(x, s, "loop 2300 (claim)", 100, "subscriber or patient");
	x->loop = L_2300;
	x->claim.n2320 = 0;
	x->claim.seen2320 = 0;
	put(x, s, CLM_COL_CLAIM_ID, 1);
	put(x, s, CLM_COL_TOTAL_CHARGE, 2);
	comp = comp_of(x, s, 5);
	for (size_t k = 1; k <= 3; k++) {
		static const char *const part[] = { "place of service",
		    "facility code qualifier", "claim frequency code" };
		const char *p;

		if (clm_x12in_comp(s, 5, k, comp, &p) == 0) {
			x->f_el = 5;
			x->f_comp = (int)k;
			x->f_code = "1";
			clm_x12in_find(x, s, CLM_EDIT_X12_REQUIRED, k == 1 ? "pos"
			    : k == 3 ? "claim_freq" : "", "CLM05-%zu (%s) is "
			    "empty", k, part[k - 1]);
		}
	}
	put_comp(x, s, CLM_COL_POS, 5, 1, comp);
	put_comp(x, s, CLM_COL_CLAIM_FREQ, 5, 3, comp);
	put(x, s, CLM_COL_PROV_SIGNATURE, 6);
	put(x, s, CLM_COL_ACCEPT_ASSIGN, 7);
	put(x, s, CLM_COL_BENEFITS_ASSIGN, 8);
	put(x, s, CLM_COL_RELEASE_INFO, 9);
	comp = comp_of(x, s, 11);
	put_comp(x, s, CLM_COL_ACCIDENT_CAUSE, 11, 1, comp);
	put_comp(x, s, CLM_COL_ACCIDENT_STATE, 11, 4, comp);
}

static int
dx_qualifier(const char *p, size_t len)
{
	return (len == 3 && (memcmp(p, "ABK", 3) == 0 ||
	    memcmp(p, "ABF", 3) == 0)) || (len == 2 &&
	    (memcmp(p, "BK", 2) == 0 || memcmp(p, "BF", 2) == 0));
}

static void
hi(struct clm_x12in *x, const struct clm_x12in_seg *s)
{
	char comp = comp_of(x, s, 1);
	const char *q;
	size_t ql = clm_x12in_comp(s, 1, 1, comp, &q);
	int n = 0;

	if (!dx_qualifier(q, ql)) {
		not_carried(x, s, "HI other than diagnoses");
		return;
	}
	if (x->claim.seen & SEEN_HI) {
		clm_x12in_find(x, s, CLM_EDIT_X12_SEGMENT_UNEXPECTED, "dx1",
		    "a second diagnosis HI; the 837P allows one");
		return;
	}
	x->claim.seen |= SEEN_HI;
	for (size_t i = 1; i <= s->nel && i <= CLM_X12IN_MAX_ELEMENTS; i++) {
		if (s->len[i] == 0)
			continue;
		if (++n > CLM_837P_MAX_DX) {
			clm_x12in_find(x, s, CLM_EDIT_X12_LIMIT_DX, "", "HI holds "
			    "more than %d diagnosis codes; the %dth and later "
			    "are not carried", CLM_837P_MAX_DX,
			    CLM_837P_MAX_DX + 1);
			break;
		}
		put_comp(x, s, CLM_COL_DX(n), i, 2, i == 1 ? comp :
		    memchr(s->el[i], comp, s->len[i]) ? comp :
		    comp_of(x, s, i));
	}
}

static void
claim_data(struct clm_x12in *x, const struct clm_x12in_seg *s)
{
	if (CLM_X12IN_IS(s, "HI"))
		hi(x, s);
	else if (CLM_X12IN_IS(s, "DTP") && is(s, 1, "431"))
		put(x, s, CLM_COL_ONSET_DATE, 3);
	else if (CLM_X12IN_IS(s, "DTP") && is(s, 1, "439"))
		put(x, s, CLM_COL_ACCIDENT_DATE, 3);
	else if (CLM_X12IN_IS(s, "AMT") && is(s, 1, "F5"))
		put(x, s, CLM_COL_PATIENT_PAID, 2);
	else if (CLM_X12IN_IS(s, "REF") && is(s, 1, "F8"))
		put(x, s, CLM_COL_ORIG_REF, 2);
	else if (CLM_X12IN_IS(s, "REF") && is(s, 1, "G1"))
		put(x, s, CLM_COL_PRIOR_AUTH, 2);
	else if (CLM_X12IN_IS(s, "REF") && is(s, 1, "9F"))
		put(x, s, CLM_COL_REFERRAL_NO, 2);
	else if (CLM_X12IN_IS(s, "NTE") && is(s, 1, "ADD"))
		put(x, s, CLM_COL_CLAIM_NOTE, 2);
	else
		not_carried(x, s, NULL);
}

/* ---- other payer (2320, 2330) ------------------------------------------ */

/* CAS: GROUP-REASON-AMOUNT per triplet, joined by ';'. */
static void
cas(struct clm_x12in *x, const struct clm_x12in_seg *s, enum clm_column col)
{
	const char *g, *r, *a;
	size_t gl = clm_x12in_el(s, 1, &g);

	for (size_t i = 2; i + 1 <= s->nel && i <= 17; i += 3) {
		char buf[160];
		size_t rl = clm_x12in_el(s, i, &r), al;
		int n;

		if (rl == 0)
			continue;
		al = clm_x12in_el(s, i + 1, &a);
		n = snprintf(buf, sizeof(buf), "%.*s-%.*s-%.*s", (int)gl, g,
		    (int)(rl > 40 ? 40 : rl), r, (int)(al > 40 ? 40 : al), a);
		if (n > 0 && clm_x12in_append(x, col, ";", buf, (size_t)n) < 0) {
			not_carried(x, s, "adjustments beyond 4 KiB");
			return;
		}
	}
}

static void
sbr_2320(struct clm_x12in *x, const struct clm_x12in_seg *s)
{
	struct clm_x12in_claim *c = &x->claim;

	if (x->loop >= L_2400) {
		unexpected(x, s);
		return;
	}
	if (c->n2320 == 1 && !(c->seen2320 & SEEN_PR))
		clm_x12in_find(x, s, CLM_EDIT_X12_REQUIRED, "oth_payer_name",
		    "loop 2330B (other payer NM1*PR) is missing before this "
		    "2320");
	x->loop = L_2320;
	c->ncas = 0;
	if (c->n2320 == 10)
		repeat(x, s, "loop 2320 (other subscriber)", 10, "claim");
	if (++c->n2320 > 1) {
		not_carried(x, s, "a second other payer (2320)");
		return;
	}
	put(x, s, CLM_COL_OTH_PAYER_SEQ, 1);
	put(x, s, CLM_COL_OTH_SUB_REL, 2);
	put(x, s, CLM_COL_OTH_INS_TYPE, 5);
	put(x, s, CLM_COL_OTH_FILING_IND, 9);
}

static void
cob_data(struct clm_x12in *x, const struct clm_x12in_seg *s)
{
	if (x->claim.n2320 > 1)
		return;
	if (x->loop == L_2320 && CLM_X12IN_IS(s, "CAS"))
		cas(x, s, CLM_COL_OTH_ADJ);
	else if (x->loop == L_2320 && CLM_X12IN_IS(s, "AMT") &&
	    is(s, 1, "D"))
		put(x, s, CLM_COL_OTH_PAID, 2);
	else if (x->loop == L_2320 && CLM_X12IN_IS(s, "AMT") &&
	    !is(s, 1, "A8") && !is(s, 1, "EAF"))
		;	/* X12-CODE from the guide table (clm_x12spec_837p) */
	else if (x->loop == L_2320 && CLM_X12IN_IS(s, "OI"))
		x->claim.seen2320 |= SEEN_REF;
	else if (x->loop == L_2330B && CLM_X12IN_IS(s, "DTP") &&
	    is(s, 1, "573"))
		put(x, s, CLM_COL_OTH_PAID_DATE, 3);
	else
		not_carried(x, s, NULL);
}

/* ---- service lines (2400-2440) ----------------------------------------- */

static struct clm_x12in_line *
cur_line(struct clm_x12in *x)
{
	return x->claim.nlines ? &x->claim.lines[x->claim.nlines - 1] : NULL;
}

/* Decimal digits of a positive number into buf (at least 21 bytes). */
static size_t
format_long(char *buf, long v)
{
	char tmp[24];
	size_t n = 0, len = 0;

	do {
		tmp[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v > 0 && n < sizeof(tmp));
	while (n > 0)
		buf[len++] = tmp[--n];
	buf[len] = '\0';
	return len;
}

static int
lx(struct clm_x12in *x, const struct clm_x12in_seg *s, struct clm_error *err)
{
	struct clm_x12in_claim *c = &x->claim;
	long n = num(s, 1);
	char buf[24];
	int rc;

	if (!x->open || x->loop < L_2300) {
		unexpected(x, s);
		return 0;
	}
	if (c->n2320 > 0 && !(c->seen2320 & SEEN_PR)) {
		x->f_segid = "NM1";
		clm_x12in_find(x, s, CLM_EDIT_X12_REQUIRED, "oth_payer_name",
		    "loop 2330B (other payer NM1*PR) is missing in loop 2320");
		c->seen2320 |= SEEN_PR;
	}
	if ((rc = clm_x12in_line_start(x, s, err)) < 0)
		return rc;
	x->loop = L_2400;
	c->line_no++;
	if (c->line_no == CLM_837P_MAX_LINES + 1)
		repeat(x, s, "loop 2400 (service line)", CLM_837P_MAX_LINES,
		    "claim");
	if (n != c->line_no)
		clm_x12in_find(x, s, CLM_EDIT_X12_LX_SEQUENCE, "line_no", "LX01 "
		    "is '%.*s', expected %ld; line numbered %ld",
		    (int)(s->nel && s->len[1] < 12 ? s->len[1] : 0),
		    s->nel ? s->el[1] : "", c->line_no, c->line_no);
	clm_x12in_put(x, CLM_COL_LINE_NO, buf, format_long(buf, c->line_no));
	return 0;
}

/* Components 1..n of element i (as clm_x12in_comp, in one pass). */
static void
split_comp(const struct clm_x12in_seg *s, size_t i, char comp,
    const char **p, size_t *len, size_t n)
{
	const char *v, *end;
	size_t l = clm_x12in_el(s, i, &v);

	end = v + l;
	for (size_t k = 0; k < n; k++) {
		const char *q;

		if (v == NULL) {
			p[k] = "";
			len[k] = 0;
			continue;
		}
		q = memchr(v, comp, (size_t)(end - v));
		p[k] = v;
		len[k] = (size_t)((q ? q : end) - v);
		v = q ? q + 1 : NULL;
	}
}

static void
sv1(struct clm_x12in *x, const struct clm_x12in_seg *s)
{
	char comp = comp_of(x, s, 1), ptr[64];
	const char *cp[6];
	size_t n = 0, cl[6];

	cur_line(x)->seen |= LSEEN_SV1;
	split_comp(s, 1, comp, cp, cl, 6);
	clm_x12in_put(x, CLM_COL_PROC, cp[1], cl[1]);
	for (size_t k = 1; k <= 4; k++)
		clm_x12in_put(x, CLM_COL_MOD(k), cp[1 + k], cl[1 + k]);
	put(x, s, CLM_COL_CHARGE, 2);
	put(x, s, CLM_COL_UNIT_TYPE, 3);
	put(x, s, CLM_COL_UNITS, 4);
	put(x, s, CLM_COL_LINE_POS, 5);
	comp = comp_of(x, s, 7);
	split_comp(s, 7, comp, cp, cl, 4);
	for (size_t k = 1; k <= 4; k++) {
		const char *p = cp[k - 1];
		size_t len = cl[k - 1];

		if (len == 0 || len > 8)
			continue;
		if (n > 0)
			ptr[n++] = ':';
		memcpy(ptr + n, p, len);	/* 4 x (8 + 1) fit in ptr */
		n += len;
	}
	clm_x12in_put(x, CLM_COL_DX_PTR, ptr, n);
}

static void
line_data(struct clm_x12in *x, const struct clm_x12in_seg *s)
{
	struct clm_x12in_line *ln = cur_line(x);

	if (CLM_X12IN_IS(s, "SV1")) {
		sv1(x, s);
	} else if (CLM_X12IN_IS(s, "DTP") && is(s, 1, "472")) {
		ln->seen |= LSEEN_DTP;
		date_d8(x, s, CLM_COL_DOS_FROM, CLM_COL_DOS_TO);
	} else if (CLM_X12IN_IS(s, "REF") && is(s, 1, "6R")) {
		put(x, s, CLM_COL_LINE_CTRL, 2);
	} else {
		not_carried(x, s, NULL);
	}
}

static void
lin(struct clm_x12in *x, const struct clm_x12in_seg *s)
{
	if (x->loop != L_2400) {
		unexpected(x, s);
		return;
	}
	x->loop = L_2410;
	if (is(s, 2, "N4"))
		put(x, s, CLM_COL_NDC, 3);
	else
		not_carried(x, s, "LIN with a product id other than N4");
}

static void
drug_data(struct clm_x12in *x, const struct clm_x12in_seg *s)
{
	if (CLM_X12IN_IS(s, "CTP")) {
		put(x, s, CLM_COL_NDC_QTY, 4);
		put_comp(x, s, CLM_COL_NDC_UNIT, 5, 1, comp_of(x, s, 5));
	} else {
		not_carried(x, s, NULL);
	}
}

static void
svd(struct clm_x12in *x, const struct clm_x12in_seg *s)
{
	struct clm_x12in_line *ln = cur_line(x);

	if (x->loop < L_2400 || ln == NULL || x->loop == L_2440) {
		unexpected(x, s);
		return;
	}
	if (ln->nsvd > 0 && !ln->svd_dtp)
		clm_x12in_find(x, s, CLM_EDIT_X12_REQUIRED, "line_oth_date",
		    "DTP*573 (line adjudication date) is missing in the "
		    "previous loop 2430");
	x->loop = L_2430;
	ln->svd_dtp = 0;
	x->claim.ncas = 0;
	if (ln->nsvd == 15)
		repeat(x, s, "loop 2430 (line adjudication)", 15, "service line");
	if (++ln->nsvd > 1) {
		not_carried(x, s, "a second line adjudication (2430)");
		return;
	}
	if (*clm_x12in_get(x, CLM_COL_OTH_PAYER_ID) == '\0')
		put(x, s, CLM_COL_OTH_PAYER_ID, 1);
	put(x, s, CLM_COL_LINE_OTH_PAID, 2);
	put(x, s, CLM_COL_LINE_OTH_UNITS, 5);
}

static void
adj_data(struct clm_x12in *x, const struct clm_x12in_seg *s)
{
	struct clm_x12in_line *ln = cur_line(x);

	if (CLM_X12IN_IS(s, "DTP") && is(s, 1, "573"))
		ln->svd_dtp = 1;
	if (ln->nsvd > 1)
		return;
	if (CLM_X12IN_IS(s, "CAS"))
		cas(x, s, CLM_COL_LINE_OTH_ADJ);
	else if (CLM_X12IN_IS(s, "DTP") && is(s, 1, "573"))
		put(x, s, CLM_COL_LINE_OTH_DATE, 3);
	else
		not_carried(x, s, NULL);
}

/* ---- context loops (1000A-2010CA) -------------------------------------- */

static void
context_data(struct clm_x12in *x, const struct clm_x12in_seg *s)
{
	int n3n4 = CLM_X12IN_IS(s, "N3") || CLM_X12IN_IS(s, "N4");
	struct clm_x12in_level *lv = &x->lv[loops[x->loop].level];

	if (n3n4 && (x->loop == L_2010AA || x->loop == L_2010BA ||
	    x->loop == L_2010CA))
		lv->seen |= CLM_X12IN_IS(s, "N3") ? SEEN_N3 : SEEN_N4;
	if (x->loop == L_1000A && CLM_X12IN_IS(s, "PER")) {
		put(x, s, CLM_COL_BILL_CONTACT, 2);
		if (is(s, 3, "TE"))
			put(x, s, CLM_COL_BILL_PHONE, 4);
	} else if (x->loop == L_2000A && CLM_X12IN_IS(s, "PRV") &&
	    is(s, 1, "BI")) {
		put(x, s, CLM_COL_BILL_TAXONOMY, 3);
	} else if (x->loop == L_2010AA && n3n4) {
		address(x, s, CLM_COL_BILL_ADDR1);
	} else if (x->loop == L_2010AA && CLM_X12IN_IS(s, "REF") &&
	    (is(s, 1, "EI") || is(s, 1, "SY"))) {
		lv->seen |= SEEN_REF;
		put(x, s, CLM_COL_BILL_TIN_TYPE, 1);
		put(x, s, CLM_COL_BILL_TIN, 2);
	} else if (x->loop == L_2010AB && n3n4) {
		address(x, s, CLM_COL_PAYTO_ADDR1);
	} else if (x->loop == L_2000B && CLM_X12IN_IS(s, "SBR")) {
		lv->seen |= SEEN_SBR;
		put(x, s, CLM_COL_PAYER_SEQ, 1);
		if (is(s, 2, "18"))
			put(x, s, CLM_COL_PAT_REL, 2);
		put(x, s, CLM_COL_SUB_GROUP, 3);
		put(x, s, CLM_COL_SUB_GROUP_NAME, 4);
		put(x, s, CLM_COL_INS_TYPE, 5);
		put(x, s, CLM_COL_FILING_IND, 9);
	} else if (x->loop == L_2010BA && n3n4) {
		address(x, s, CLM_COL_SUB_ADDR1);
	} else if (x->loop == L_2010BA && CLM_X12IN_IS(s, "DMG")) {
		lv->seen |= SEEN_DMG;
		put(x, s, CLM_COL_SUB_DOB, 2);
		put(x, s, CLM_COL_SUB_SEX, 3);
	} else if (x->loop == L_2000C && CLM_X12IN_IS(s, "PAT")) {
		put(x, s, CLM_COL_PAT_REL, 1);
	} else if (x->loop == L_2010CA && n3n4) {
		address(x, s, CLM_COL_PAT_ADDR1);
	} else if (x->loop == L_2010CA && CLM_X12IN_IS(s, "DMG")) {
		lv->seen |= SEEN_DMG;
		put(x, s, CLM_COL_PAT_DOB, 2);
		put(x, s, CLM_COL_PAT_SEX, 3);
	} else if (x->loop != L_HDR) {
		not_carried(x, s, NULL);
	}
}

/* A segment inside the current loop (not one that opens a loop). */
static void
loop_data(struct clm_x12in *x, const struct clm_x12in_seg *s)
{
	if (x->loop < L_2300)
		context_data(x, s);
	else if (x->loop == L_2300)
		claim_data(x, s);
	else if (x->loop == L_2310B && CLM_X12IN_IS(s, "PRV"))
		put(x, s, CLM_COL_REND_TAXONOMY, 3);
	else if (x->loop == L_2310C && (CLM_X12IN_IS(s, "N3") ||
	    CLM_X12IN_IS(s, "N4")))
		address(x, s, CLM_COL_FAC_ADDR1);
	else if (x->loop >= L_2320 && x->loop <= L_2330G)
		count_cas(x, s), cob_data(x, s);
	else if (x->loop == L_2400)
		line_data(x, s);
	else if (x->loop == L_2410)
		drug_data(x, s);
	else if (x->loop == L_2430)
		count_cas(x, s), adj_data(x, s);
	else
		not_carried(x, s, NULL);
}

static int
dispatch(struct clm_x12in *x, const struct clm_x12in_seg *s,
    struct clm_error *err)
{
	const char *id = s->id;

	if (CLM_X12IN_IS(s, "HL"))
		return hl(x, s);
	if (CLM_X12IN_IS(s, "CLM"))
		clm(x, s);
	else if (CLM_X12IN_IS(s, "NM1"))
		nm1(x, s);
	else if (CLM_X12IN_IS(s, "LX"))
		return lx(x, s, err);
	else if (CLM_X12IN_IS(s, "SBR") && x->open)
		sbr_2320(x, s);
	else if (CLM_X12IN_IS(s, "LIN") && x->open)
		lin(x, s);
	else if (CLM_X12IN_IS(s, "SVD") && x->open)
		svd(x, s);
	else if (CLM_X12IN_IS(s, "LQ") && x->open && x->loop >= L_2400)
		x->loop = L_2440, not_carried(x, s, NULL);
	else if (id[0] != '\0' && allowed(x->loop, s->code))
		loop_data(x, s);
	else
		unexpected(x, s);
	return 0;
}

/* Envelope segments: lengths of a header once it is open, of a trailer
 * while its envelope still is.  1 handled, 0 not an envelope, <0 fatal. */
static int
envelope_checked(struct clm_x12in *x, const struct clm_x12in_seg *s,
    struct clm_error *err)
{
	int trailer = CLM_X12IN_IS(s, "SE") || CLM_X12IN_IS(s, "GE") ||
	    CLM_X12IN_IS(s, "IEA");
	int rc;

	if (trailer)
		clm_x12in_check_elements(x, s);
	rc = clm_x12in_envelope(x, s, err);
	if (rc > 0 && !trailer)
		clm_x12in_check_elements(x, s);
	return rc;
}

/*
 * Bytes of the X12 basic and extended character sets (X12.6; pyx12
 * validation.py): letters, digits, space and ! " & ' ( ) * + , - . / : ;
 * ? = % @ [ ] _ { } \ | < > # $ ^ `.  Anything else (control characters,
 * bytes of UTF-8 letters) needs a trading partner agreement.
 */
static int
x12_char(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
	    (c >= '0' && c <= '9') || (c >= ' ' && c <= '/') ||
	    (c >= ':' && c <= '@') || (c >= '[' && c <= '`') ||
	    (c >= '{' && c <= '~');
}

void
clm_x12in_check_charset(struct clm_x12in *x, const struct clm_x12in_seg *s)
{
	for (size_t i = 1; i <= s->nel && i <= CLM_X12IN_MAX_ELEMENTS; i++)
		for (size_t k = 0; k < s->len[i]; k++) {
			unsigned char c = (unsigned char)s->el[i][k];

			if (x12_char(c))
				continue;
			clm_x12in_find_at(x, s, CLM_EDIT_X12_CHARSET, (int)i, 0,
			    "6", "%s%02zu holds byte 0x%02X, outside the X12 basic and "
			    "extended character sets", s->id, i, c);
			return;		/* once per segment */
		}
}

int
clm_x12in_segment(struct clm_x12in *x, const struct clm_x12in_seg *s,
    struct clm_error *err)
{
	int rc;

	if (x->in_st)
		x->st_seg++;
	if ((rc = envelope_checked(x, s, err)) != 0)
		return rc < 0 ? rc : 0;
	if (!x->in_st) {
		x->trailer = 1;
		unexpected(x, s);
		x->trailer = 0;
		return 0;
	}
	rc = dispatch(x, s, err);
	/* after dispatch: the finding names the loop the segment opened */
	if (rc >= 0) {
		clm_x12in_loop_segments(x, s);
		check_order(x, s);
		clm_x12in_check_segment(x, s);	/* and its charset */
	}
	return rc;
}

/* ---- whole-claim checks ------------------------------------------------ */

void
clm_x12in_check_claim(struct clm_x12in *x)
{
	struct clm_x12in_claim *c = &x->claim;
	long saved = c->line_no;
	enum clm_x12in_loop loop = x->loop;

	x->loop = L_2300;	/* claim-level findings: line 0 */
	if (!(c->seen & SEEN_HI) && (x->f_segid = "HI") != NULL)
		clm_x12in_find(x, NULL, CLM_EDIT_X12_REQUIRED, "dx1", "claim "
		    "has no diagnosis HI segment");
	if (c->nlines == 0 && (x->f_segid = "LX") != NULL)
		clm_x12in_find(x, NULL, CLM_EDIT_X12_REQUIRED, "line_no", "claim "
		    "has no service line (loop 2400)");
	if (c->n2320 > 0 && !(c->seen2320 & SEEN_PR) && c->nlines == 0 &&
	    (x->f_segid = "NM1") != NULL)
		clm_x12in_find(x, NULL, CLM_EDIT_X12_REQUIRED, "oth_payer_name",
		    "loop 2330B (other payer NM1*PR) is missing in loop 2320");
	x->loop = L_2400;
	for (size_t i = 0; i < c->nlines; i++) {
		struct clm_x12in_line *ln = &c->lines[i];

		c->line_no = (long)i + 1;
		if (!(ln->seen & LSEEN_SV1) && (x->f_segid = "SV1") != NULL)
			clm_x12in_find(x, NULL, CLM_EDIT_X12_REQUIRED, "proc",
			    "service line has no SV1 segment");
		if (!(ln->seen & LSEEN_DTP) && (x->f_segid = "DTP") != NULL)
			clm_x12in_find(x, NULL, CLM_EDIT_X12_REQUIRED, "dos_from",
			    "service line has no DTP*472 service date");
		if (ln->nsvd > 0 && !ln->svd_dtp && (x->f_segid = "DTP") !=
		    NULL)
			clm_x12in_find(x, NULL, CLM_EDIT_X12_REQUIRED,
			    "line_oth_date", "DTP*573 (line adjudication "
			    "date) is missing in loop 2430");
	}
	c->line_no = saved;
	x->loop = loop;
}
