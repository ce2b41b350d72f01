/*
 * clm_x12in_val - every element of a segment against the guide
 * (clm_x12spec: dictionary and the 837P table): usage in its loop,
 * length, data type, the guide's code lists, dates by their format
 * qualifier, and the segment's syntax notes.  Findings name the element
 * position and, for codes, the value only when it is code-shaped.
 */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "clm.h"
#include "clm_x12in_impl.h"
#include "clm_x12spec.h"

static const char *
type_name(enum clm_x12spec_type t)
{
	switch (t) {
	case CLM_X12SPEC_DT: return "a date CCYYMMDD";
	case CLM_X12SPEC_TM: return "a time HHMM[SS]";
	case CLM_X12SPEC_N0: return "a whole number";
	case CLM_X12SPEC_N2: return "a number with two implied decimals";
	case CLM_X12SPEC_R: return "a decimal number";
	default: return "valid";
	}
}

/* A value printed only when short and made of letters and digits. */
static int
code_shaped(const char *v, size_t len)
{
	if (len == 0 || len > 5)
		return 0;
	for (size_t i = 0; i < len; i++)
		if (!((v[i] >= 'A' && v[i] <= 'Z') || (v[i] >= '0' &&
		    v[i] <= '9')))
			return 0;
	return 1;
}

/*
 * The reader's validation caches (struct clm_x12in_vcache, one per
 * reader, allocated with it): lookups of the guide and dictionary by
 * segment id and loop, the last valid code per entry and element, the
 * last clean segment per id and loop, repeat limits per entry.
 */
#define NCACHE 512
#define MEMO_BYTES 96
struct dentry {
	unsigned code;
	const struct clm_x12spec_seg *d;
	struct clm_x12spec_note note[16];
	int nnote;
	size_t mlast;			/* last element mandatory in the standard */
};

struct clm_x12in_vcache {
	/* the last value found valid per guide entry and element */
	struct memo_e {
		const struct clm_x12spec_use *u;
		unsigned char i, k, len;
		char v[5];
	} memo[512];
	struct dentry dcache[NCACHE];	/* dictionary by segment code */
	struct ucache_e {
		unsigned code;
		int fixed;		/* one entry whatever element 1 says */
		const struct clm_x12spec_use *u;
		char el1[4];		/* else: the last element 1 seen */
		const struct clm_x12spec_use *last;
	} ucache[L_COUNT + 1][64];	/* guide entry by loop and code */
	const struct clm_x12spec_use *last_u;	/* and strlen(eluse) */
	size_t last_n;
	struct clean_e {
		unsigned code;
		unsigned char len;
		char comp;
		char raw[MEMO_BYTES];
	} clean[L_COUNT + 1][16];	/* last clean bytes per id and loop */
	struct {
		const struct clm_x12spec_use *u;
		char el1[4];
		unsigned char len;
		unsigned max;
		const void *key;
	} rmemo[64];			/* repeat limit per entry and element 1 */
	/* per entry of the guide (by index): 0 unknown, 1 has kinds, else
	 * 2 + its repeat limit whatever element 1 says */
	unsigned rfixed[512];
};

struct clm_x12in_vcache *
clm_x12in_vcache_new(void)
{
	return clm_xcalloc(1, sizeof(struct clm_x12in_vcache));
}

/* Most files repeat the same few codes: the code list is searched once. */
static int
code_seen(struct clm_x12in_vcache *vc, const struct clm_x12spec_use *u,
    size_t i, size_t k, const char *v, size_t len)
{
	unsigned h = (unsigned)(((uintptr_t)u >> 3) * 31u + i * 7u + k) & 511u;
	struct memo_e *memo = vc->memo;
	int ok;

	if (memo[h].u == u && memo[h].i == i && memo[h].k == k &&
	    memo[h].len == len && memcmp(memo[h].v, v, len) == 0)
		return 1;
	if (len > sizeof(memo[h].v) || !clm_x12spec_code(u, i, k, v, len,
	    &ok) || !ok)
		return 0;
	memo[h].u = u;
	memo[h].i = (unsigned char)i;
	memo[h].k = (unsigned char)k;
	memo[h].len = (unsigned char)len;
	memcpy(memo[h].v, v, len);
	return 1;
}

static void
check_value(struct clm_x12in *x, const struct clm_x12in_seg *s,
    const struct clm_x12spec_use *u, const struct clm_x12spec_el *d,
    size_t i, size_t k, const char *p, size_t len)
{
	char name[48];
	int ok;

#define NAME() (k > 0 ? snprintf(name, sizeof(name), "%s%02zu-%zu", s->id, \
	i, k) : snprintf(name, sizeof(name), "%s%02zu", s->id, i), name)
	if (len < d->min || len > d->max) {
		clm_x12in_find_at(x, s, CLM_EDIT_X12_ELEMENT_LENGTH, (int)i,
		    (int)k, len < d->min ? "4" : "5", "%s is %zu characters "
		    "long; it must be %u to %u", NAME(), len, d->min, d->max);
		return;
	}
	if (d->type != CLM_X12SPEC_AN && d->type != CLM_X12SPEC_ID &&
	    !clm_x12spec_valid_type((enum clm_x12spec_type)d->type, p, len)) {
		clm_x12in_find_at(x, s, CLM_EDIT_X12_ELEMENT_TYPE, (int)i, (int)k,
		    d->type == CLM_X12SPEC_DT ? "8" : d->type ==
		    CLM_X12SPEC_TM ? "9" : "6", "%s is not %s", NAME(),
		    type_name((enum clm_x12spec_type)d->type));
		return;
	}
	if (u != NULL && d->type == CLM_X12SPEC_ID && !code_seen(x->vc, u, i,
	    k, p, len) && clm_x12spec_code(u, i, k, p, len, &ok) && !ok) {
		if (code_shaped(p, len))
			clm_x12in_find_at(x, s, CLM_EDIT_X12_CODE, (int)i, (int)k,
			    "7", "%s code '%.*s' is not one the 837P allows "
			    "here", NAME(), (int)len, p);
		else
			clm_x12in_find_at(x, s, CLM_EDIT_X12_CODE, (int)i, (int)k,
			    "7", "%s is not a code the 837P allows here",
			    NAME());
	}
#undef NAME
}

/* Dates whose format the previous element names (DTP, DMG, PAT). */
static void
check_dated(struct clm_x12in *x, const struct clm_x12in_seg *s, size_t qi)
{
	const char *q, *p;
	size_t ql = clm_x12in_el(s, qi, &q), len = clm_x12in_el(s, qi + 1, &p);
	int ok = 1;

	if (len == 0)
		return;
	if (ql == 2 && memcmp(q, "D8", 2) == 0)
		ok = len == 8 && clm_x12spec_valid_date(p, 8);
	else if (ql == 3 && memcmp(q, "RD8", 3) == 0)
		ok = len == 17 && p[8] == '-' &&
		    clm_x12spec_valid_date(p, 8) &&
		    clm_x12spec_valid_date(p + 9, 8) &&
		    memcmp(p, p + 9, 8) <= 0;
	if (!ok)
		clm_x12in_find_at(x, s, CLM_EDIT_X12_ELEMENT_TYPE, (int)qi + 1, 0,
		    "8", "%s%02zu is not a valid date in the format %.*s "
		    "names", s->id, qi + 1, (int)ql, q);
}

static void
check_notes(struct clm_x12in *x, const struct clm_x12in_seg *s,
    const struct clm_x12spec_note *notes, int nnote)
{
	for (int k = 0; k < nnote; k++) {
		const struct clm_x12spec_note n = notes[k];
		int have[8], cnt = 0, bad = 0;
		const char *p;

		for (int j = 0; j < n.n; j++)
			cnt += have[j] = clm_x12in_el(s, n.el[j], &p) > 0;
		switch (n.kind) {
		case 'P': bad = cnt > 0 && cnt < n.n; break;
		case 'R': bad = cnt == 0; break;
		case 'E': bad = cnt > 1; break;
		case 'C': bad = have[0] && cnt < n.n; break;
		case 'L': bad = have[0] && cnt == 1; break;
		}
		if (!bad)
			continue;
		clm_x12in_find_at(x, s, CLM_EDIT_X12_SYNTAX, n.el[n.kind == 'P' ||
		    n.kind == 'C' ? (have[0] ? 1 : 0) : 0], 0,
		    n.kind == 'E' ? "10" : "2", "%s syntax note %c: %s",
		    s->id, n.kind, n.kind == 'P' ? "the paired elements must "
		    "be all present or all empty" : n.kind == 'R' ? "at least "
		    "one of its elements is required" : n.kind == 'E' ? "only "
		    "one of its elements may be present" : n.kind == 'C' ?
		    "the first element requires the others" : "the first "
		    "element requires one of the others");
	}
}

static void
check_composite(struct clm_x12in *x, const struct clm_x12in_seg *s,
    const struct clm_x12spec_use *u, const struct clm_x12spec_el *d,
    size_t i)
{
	char comp = clm_x12in_tok_delims(x->tok)->comp;
	const char *p, *end;
	size_t len = clm_x12in_el(s, i, &p);

	if (x->comp_pos == s->pos)
		return;		/* X12-COMPONENT said it: components unknown */
	end = p + len;
	for (size_t k = 1; p <= end; k++) {
		const struct clm_x12spec_el *c = clm_x12spec_comp(d->ref, k);
		const char *q = p;

		while (q < end && *q != comp)
			q++;
		if (c == NULL)
			break;
		if (q > p)
			check_value(x, s, u, c, i, k, p, (size_t)(q - p));
		p = q + 1;
	}
}

/*
 * Lookups cached by segment code (and loop): the dictionary entry, and
 * the guide entry when the loop has one entry for the id (else looked up
 * with element 1 every time).  Filled once per key and reader.
 */
static const struct dentry *
dict_of(struct clm_x12in_vcache *vc, const struct clm_x12in_seg *s)
{
	unsigned h = (s->code * 2654435761u) >> 23 & (NCACHE - 1);

	for (unsigned k = 0; k < NCACHE; k++, h = (h + 1) & (NCACHE - 1)) {
		struct dentry *e = &vc->dcache[h];

		if (e->code == s->code)
			return e;
		if (e->code == 0) {
			e->code = s->code;
			e->d = clm_x12spec_dict(s->id);
			e->nnote = 0;
			e->mlast = 0;
			for (size_t i = 1; e->d != NULL && i <= e->d->nel; i++)
				if (e->d->el[i - 1].mand == 'M')
					e->mlast = i;
			while (e->d != NULL && e->nnote < 16 &&
			    clm_x12spec_note(e->d, (size_t)e->nnote,
			    &e->note[e->nnote]))
				e->nnote++;
			return e;
		}
	}
	return NULL;	/* the cache is full: 512 segment ids seen */
}

/* Entries of the guide for u's loop and segment id. */
static int
entries(const struct clm_x12spec_use *u)
{
	const struct clm_x12spec *g = &clm_x12spec_837p;
	int n = 0;

	for (size_t k = 0; k < g->nuse; k++)
		n += strcmp(g->use[k].loop, u->loop) == 0 &&
		    strcmp(g->use[k].id, u->id) == 0;
	return n;
}

static const struct clm_x12spec_use *
use_of(struct clm_x12in *x, const struct clm_x12in_seg *s)
{
	int l = x->in_st ? (int)x->loop : L_COUNT;
	const char *loop = x->in_st ? clm_x12in_loop_name(x->loop) : "*";
	unsigned h = (s->code * 2654435761u) >> 26 & 63;
	const char *p1;
	size_t len1 = clm_x12in_el(s, 1, &p1);
	struct ucache_e *uc = x->vc->ucache[l];

	for (unsigned k = 0; k < 64; k++, h = (h + 1) & 63) {
		if (uc[h].code == s->code) {
			if (uc[h].fixed)
				return uc[h].u;
			if (len1 < 4 && memcmp(uc[h].el1, p1, len1) == 0 &&
			    uc[h].el1[len1] == '\0')
				return uc[h].last;
			if (len1 < 4) {
				memcpy(uc[h].el1, p1, len1);
				uc[h].el1[len1] = '\0';
				return uc[h].last = clm_x12spec_find(
				    &clm_x12spec_837p, loop, s->id, p1, len1,
				    NULL);
			}
			break;
		}
		if (uc[h].code == 0) {
			const struct clm_x12spec_use *a, *b;

			/* the same entry for two different qualifiers: fixed */
			a = clm_x12spec_find(&clm_x12spec_837p, loop, s->id,
			    "\001", 1, NULL);
			b = clm_x12spec_find(&clm_x12spec_837p, loop, s->id,
			    "\002", 1, NULL);
			uc[h].code = s->code;
			uc[h].u = a;
			uc[h].el1[0] = '\001';	/* matches no value */
			uc[h].fixed = a == b && (a == NULL ||
			    (a->qual[0] == '\0' && entries(a) == 1));
			if (uc[h].fixed)
				return a;
			break;
		}
	}
	return clm_x12spec_find(&clm_x12spec_837p, loop, s->id, p1, len1,
	    NULL);
}

static void
check_elements(struct clm_x12in *x, const struct clm_x12in_seg *s,
    const struct clm_x12spec_use *u, int have_u)
{
	struct clm_x12in_vcache *vc = x->vc;
	const struct dentry *de = dict_of(vc, s);
	const struct clm_x12spec_seg *d = de ? de->d : NULL;
	size_t n, nuse, last;

	if (d == NULL)
		return;
	if (!have_u)
		u = use_of(x, s);
	if (u != vc->last_u) {
		vc->last_u = u;
		vc->last_n = u != NULL ? strlen(u->eluse) : 0;
	}
	nuse = vc->last_n;
	n = s->nel > CLM_X12IN_MAX_ELEMENTS ? CLM_X12IN_MAX_ELEMENTS : s->nel;
	/* past the last element present only required ones matter */
	last = n > de->mlast ? n : de->mlast;
	for (size_t k = nuse; k > last; k--)
		if (u->eluse[k - 1] == 'R') {
			last = k;
			break;
		}
	for (size_t i = 1; i <= last; i++) {
		const struct clm_x12spec_el *e = i <= d->nel ? &d->el[i - 1] :
		    NULL;
		const char *p = i <= n ? s->el[i] : "";
		size_t len = i <= n ? s->len[i] : 0;
		char use;

		if (e == NULL) {
			if (len > 0) {
				clm_x12in_find_at(x, s, CLM_EDIT_X12_NOT_USED,
				    (int)i, 0, "3", "%s has %u elements; "
				    "%s%02zu is one too many", s->id, d->nel,
				    s->id, i);
				break;
			}
			continue;
		}
		use = u == NULL ? (e->mand == 'M' ? 'R' : 'S') : i <= nuse ?
		    u->eluse[i - 1] : 'N';
		if (len == 0) {
			if (use == 'R' || e->mand == 'M')
				clm_x12in_find_at(x, s, CLM_EDIT_X12_REQUIRED,
				    (int)i, 0, "1", "%s%02zu is mandatory and "
				    "empty", s->id, i);
			continue;
		}
		if (use == 'N') {
			clm_x12in_find_at(x, s, CLM_EDIT_X12_NOT_USED, (int)i, 0,
			    "I10", "%s%02zu is not used in loop %s but is "
			    "present", s->id, i, clm_x12in_loop_name(x->loop));
			continue;
		}
		if (e->type == CLM_X12SPEC_COMP)
			check_composite(x, s, u, e, i);
		else
			check_value(x, s, u, e, i, 0, p, len);
	}
	if (CLM_X12IN_IS(s, "DTP") || CLM_X12IN_IS(s, "DMG"))
		check_dated(x, s, CLM_X12IN_IS(s, "DTP") ? 2 : 1);
	else if (CLM_X12IN_IS(s, "PAT"))
		check_dated(x, s, 5);
	check_notes(x, s, de->note, de->nnote);
}

/*
 * Validation is a function of the loop, the component separator and the
 * segment's bytes: the last segment of each id found clean in a loop is
 * remembered, and the same bytes again are not checked again (files
 * repeat addresses, dates, provider and payer segments claim after claim).
 * Repeats are counted before, for every segment; a segment of a set is
 * checked for its character set after its elements.
 */
static void check_repeat(struct clm_x12in *x, const struct clm_x12in_seg *s,
    const struct clm_x12spec_use *u);

static void
validate(struct clm_x12in *x, const struct clm_x12in_seg *s, int counted)
{
	int l = x->in_st ? (int)x->loop : L_COUNT;
	unsigned h = (s->code * 2654435761u) >> 28;
	char comp = clm_x12in_tok_delims(x->tok)->comp;
	size_t len = 0;
	unsigned long before = x->nfind;
	struct clean_e *clean = &x->vc->clean[l][h];
	const struct clm_x12spec_use *u = NULL;

	if (counted) {
		u = use_of(x, s);
		check_repeat(x, s, u);
		before = x->nfind;
	}

	if (s->nel >= 1 && s->nel <= CLM_X12IN_MAX_ELEMENTS &&
	    !s->unterminated && s->el[0] != NULL)
		len = (size_t)(s->el[s->nel] + s->len[s->nel] - s->el[0]);
	if (len > 0 && len <= MEMO_BYTES && clean->code == s->code &&
	    clean->len == len && clean->comp == comp &&
	    memcmp(clean->raw, s->el[0], len) == 0)
		return;
	check_elements(x, s, u, counted);
	if (counted)
		clm_x12in_check_charset(x, s);
	if (x->nfind != before || len == 0 || len > MEMO_BYTES)
		return;
	clean->code = s->code;
	clean->len = (unsigned char)len;
	clean->comp = comp;
	memcpy(clean->raw, s->el[0], len);
}

void
clm_x12in_check_elements(struct clm_x12in *x, const struct clm_x12in_seg *s)
{
	validate(x, s, 0);
}

void
clm_x12in_check_segment(struct clm_x12in *x, const struct clm_x12in_seg *s)
{
	validate(x, s, 1);
}

/* ---- repeat limits -------------------------------------------------------- */

/* The repeat limit of u for element 1 p1, remembered per reader. */
static unsigned
repeat_of(struct clm_x12in_vcache *vc, const struct clm_x12spec_use *u,
    const char *p1, size_t len1, const void **key)
{
	const struct clm_x12spec *g = &clm_x12spec_837p;
	unsigned h = (unsigned)((uintptr_t)u >> 4) * 31u;
	size_t f = (size_t)(u - g->use);
	unsigned max;

	if (u < g->use || f >= g->nuse || f >= 512)
		return clm_x12spec_repeat(g, u, p1, len1, key);
	if (vc->rfixed[f] == 0)
		vc->rfixed[f] = clm_x12spec_has_kinds(g, u) ? 1 : 2u + u->repeat;
	if (vc->rfixed[f] >= 2) {
		*key = u;
		return vc->rfixed[f] - 2;
	}
	for (size_t k = 0; k < len1 && k < 3; k++)
		h = h * 33u + (unsigned char)p1[k];
	h &= 63;
	if (vc->rmemo[h].u == u && vc->rmemo[h].len == len1 && len1 < 4 &&
	    memcmp(vc->rmemo[h].el1, p1, len1) == 0) {
		*key = vc->rmemo[h].key;
		return vc->rmemo[h].max;
	}
	max = clm_x12spec_repeat(g, u, p1, len1, key);
	if (len1 < 4) {
		vc->rmemo[h].u = u;
		vc->rmemo[h].len = (unsigned char)len1;
		memcpy(vc->rmemo[h].el1, p1, len1);
		vc->rmemo[h].max = max;
		vc->rmemo[h].key = *key;
	}
	return max;
}

static void
check_repeat(struct clm_x12in *x, const struct clm_x12in_seg *s,
    const struct clm_x12spec_use *u)
{
	const void *key;
	const char *p1;
	size_t len1;
	unsigned max;
	int k;

	/* CAS has its own count (clm_x12in_837p.c, count_cas) */
	if (u == NULL || CLM_X12IN_IS(s, "CAS"))
		return;
	len1 = clm_x12in_el(s, 1, &p1);
	if ((max = repeat_of(x->vc, u, p1, len1, &key)) == 0)
		return;
	for (k = 0; k < x->nrep && x->rep[k].key != key; k++)
		;
	if (k == x->nrep) {
		if (k == X12IN_NREP)
			return;		/* not counted past the 32nd kind */
		x->rep[k].key = key;
		x->rep[k].n = 0;
		x->nrep++;
	}
	if (++x->rep[k].n != max + 1)
		return;
	if (key != u)
		clm_x12in_find_at(x, s, CLM_EDIT_X12_REPEAT, 0, 0, "5",
		    "%s*%.*s appears more than %u time%s in one loop %s",
		    s->id, (int)len1, p1, max, max == 1 ? "" : "s",
		    clm_x12in_loop_name(x->loop));
	else
		clm_x12in_find_at(x, s, CLM_EDIT_X12_REPEAT, 0, 0, "5",
		    "%s appears more than %u time%s in one loop %s", s->id,
		    max, max == 1 ? "" : "s", clm_x12in_loop_name(x->loop));
}

/* ---- required segments of a loop ---------------------------------------- */

/*
 * Loops whose required segments come from the table; the others have
 * dedicated checks that name the record column (clm_x12in_837p.c).
 */
static const enum clm_x12in_loop table_loops[] = { L_1000A, L_2010AB, L_2310C,
	L_2310E, L_2310F, L_2330C, L_2330D, L_2330E, L_2330F, L_2330G, L_2420C,
	L_2420G, L_2420H };
#define MAX_REQ 4
static char req_ids[L_COUNT][MAX_REQ][4];
static unsigned req_codes[L_COUNT][MAX_REQ];
static pthread_once_t req_once = PTHREAD_ONCE_INIT;	/* read-only after */

static void
build_required(void)
{
	const struct clm_x12spec *g = &clm_x12spec_837p;

	for (size_t t = 0; t < sizeof(table_loops) / sizeof(table_loops[0]);
	    t++) {
		enum clm_x12in_loop l = table_loops[t];
		const char *name = clm_x12in_loop_name(l);
		int n = 0;

		for (size_t u = 0; u < g->nuse && n < MAX_REQ; u++) {
			if (strcmp(g->use[u].loop, name) != 0 ||
			    g->use[u].usage != 'R' ||
			    strcmp(g->use[u].id, "NM1") == 0)
				continue;
			memcpy(req_ids[l][n], g->use[u].id, 4);
			req_codes[l][n++] = clm_x12in_code(g->use[u].id);
		}
	}
}

static int
opens_loop(const struct clm_x12in_seg *s)
{
	return CLM_X12IN_IS(s, "HL") || CLM_X12IN_IS(s, "NM1") ||
	    CLM_X12IN_IS(s, "CLM") || CLM_X12IN_IS(s, "LX") ||
	    CLM_X12IN_IS(s, "SBR") || CLM_X12IN_IS(s, "LIN") ||
	    CLM_X12IN_IS(s, "SVD") || CLM_X12IN_IS(s, "LQ");
}

void
clm_x12in_loop_close(struct clm_x12in *x, const struct clm_x12in_seg *s)
{
	enum clm_x12in_loop cur = x->loop, l = x->req_loop;

	pthread_once(&req_once, build_required);
	x->req_loop = L_NONE;
	x->loop = l;
	for (int k = 0; k < MAX_REQ && req_codes[l][k] != 0; k++) {
		if (x->req_seen & (1u << k))
			continue;
		x->f_segid = req_ids[l][k];
		clm_x12in_find(x, s, CLM_EDIT_X12_REQUIRED, "", "%s is required "
		    "in loop %s and missing", req_ids[l][k],
		    clm_x12in_loop_name(l));
	}
	x->loop = cur;
}

void
clm_x12in_loop_segments(struct clm_x12in *x, const struct clm_x12in_seg *s)
{
	if (x->loop != x->req_loop || opens_loop(s)) {
		if (x->req_loop != L_NONE)
			clm_x12in_loop_close(x, s);
		x->req_loop = x->loop;
		x->req_seen = 0;
		x->nrep = 0;
	}
	pthread_once(&req_once, build_required);
	for (int k = 0; k < MAX_REQ && req_codes[x->loop][k] != 0; k++)
		if (req_codes[x->loop][k] == s->code)
			x->req_seen |= 1u << k;
}
