/*
 * clm_resp - TA1, 999, 277CA and 835 into items (see clm_resp.h).  One pass
 * over the tokenizer's segments; an item is handed out when the segment
 * that closes it arrives (IK5, AK9, the next HL or SE, the next CLP or SE),
 * so the segment that closed it is held and handled on the next call.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clm_money.h"
#include "clm_date.h"
#include "clm_resp.h"

enum resp_set { SET_NONE, SET_999, SET_277, SET_835, SET_OTHER };

struct clm_resp {
	struct clm_x12in_tok *tok;
	const char *name;
	struct clm_x12in_seg seg;
	int pending;			/* seg to be handled again */
	enum resp_set set;
	char isa13[16], gs06[16], st02[16];
	/* 999 */
	char ak1_gs06[16];
	char set_codes[CLM_RESP_CODES];
	char set_st02[16];
	char set_ctx[CLM_RESP_CODES];	/* CLM01s named by CTX */
	struct clm_resp_err set_errs[CLM_RESP_MAX_ERRS];
	int nset_errs, set_errs_dropped;
	int in_ak2;
	/* 277CA */
	int hl_pt;			/* inside a patient (PT) level */
	int in_svc;			/* inside a 2220D service line */
	char payer_id[40];
	/* 835 */
	char payer835[40];
	long set_pos;
	char trn02[64], trn03[16];
	int has_bpr;
	long long bpr02;
	int in_clp;			/* an item is being built */
	struct clm_resp_item it;	/* under construction / handed out */
	size_t capl;
	int ready;
};

struct clm_resp *
clm_resp_open(clm_x12in_read_fn fn, void *ctx, const char *name)
{
	struct clm_resp *r = clm_xcalloc(1, sizeof(*r));

	r->tok = clm_x12in_tok_open(fn, ctx, name);
	r->name = name;
	return r;
}

void
clm_resp_close(struct clm_resp *r)
{
	if (r == NULL)
		return;
	clm_x12in_tok_close(r->tok);
	free(r->it.lines);
	free(r);
}

long long
clm_resp_adj_sum(const struct clm_resp_adjs *a, const char *group)
{
	long long s = 0;

	for (int i = 0; i < a->n; i++)
		if (group[0] == '\0' || strcmp(a->v[i].group, group) == 0)
			s += a->v[i].cents;
	return s;
}

/* Element i into dst, cut to size; "" when absent. */
static void
el_copy(const struct clm_x12in_seg *s, size_t i, char *dst, size_t size)
{
	const char *p;
	size_t n = clm_x12in_el(s, i, &p);

	if (n >= size)
		n = size - 1;
	memcpy(dst, p, n);
	dst[n] = '\0';
}

static int
el_cents(const struct clm_x12in_seg *s, size_t i, long long *out)
{
	const char *p;
	size_t n = clm_x12in_el(s, i, &p);

	return clm_money_parse_n(p, n, out) ? 0 : -1;
}

static char
comp_sep(const struct clm_resp *r)
{
	return clm_x12in_tok_delims(r->tok)->comp;
}

/* Append "piece" to a ';'-separated list, silently cut at its size. */
static void
list_add(char *list, size_t size, const char *piece)
{
	size_t n = strlen(list);

	if (n + strlen(piece) + 2 > size)
		return;
	if (n > 0)
		list[n++] = ';';
	memcpy(list + n, piece, strlen(piece) + 1);
}

/* Element i with components joined by ':' whatever the separator. */
static void
el_joined(const struct clm_resp *r, const struct clm_x12in_seg *s, size_t i,
    char *dst, size_t size)
{
	el_copy(s, i, dst, size);
	for (char *p = dst; *p; p++)
		if (*p == comp_sep(r))
			*p = ':';
}

/* A date element: D8 CCYYMMDD, or RD8 CCYYMMDD-CCYYMMDD. */
static void
read_dates(const struct clm_x12in_seg *s, size_t qual, long *from, long *to)
{
	char v[40];

	el_copy(s, qual + 1, v, sizeof(v));
	if (clm_x12in_el_is(s, qual, "RD8") && strlen(v) == 17 &&
	    v[8] == '-') {
		*to = clm_date_parse(v + 9);
		v[8] = '\0';
		*from = clm_date_parse(v);
	} else {
		*from = *to = clm_date_parse(v);
	}
}

static void
item_start(struct clm_resp *r, enum clm_resp_kind kind, long pos)
{
	struct clm_resp_line *lines = r->it.lines;

	memset(&r->it, 0, sizeof(r->it));
	r->it.lines = lines;
	r->it.kind = kind;
	r->it.pos = pos;
	memcpy(r->it.isa13, r->isa13, sizeof(r->isa13));
	memcpy(r->it.gs06, r->gs06, sizeof(r->gs06));
	memcpy(r->it.st02, r->st02, sizeof(r->st02));
	r->it.set_pos = r->set_pos;
	memcpy(r->it.trn02, r->trn02, sizeof(r->trn02));
	memcpy(r->it.trn03, r->trn03, sizeof(r->trn03));
	r->it.has_bpr = r->has_bpr;
	r->it.bpr02 = r->bpr02;
}

/* CAS: group, then (reason, amount, quantity) up to six times. */
static void
add_cas(const struct clm_x12in_seg *s, struct clm_resp_adjs *a)
{
	char group[3];

	el_copy(s, 1, group, sizeof(group));
	for (size_t i = 2; i + 1 <= s->nel; i += 3) {
		struct clm_resp_adj *d;
		long long c;

		if (clm_x12in_el(s, i, &(const char *){ NULL }) == 0)
			continue;
		if (a->n == CLM_RESP_MAX_ADJ) {
			a->dropped++;
			continue;
		}
		if (el_cents(s, i + 1, &c) < 0)
			c = 0;
		d = &a->v[a->n++];
		memcpy(d->group, group, sizeof(group));
		el_copy(s, i, d->reason, sizeof(d->reason));
		d->cents = c;
	}
}

/* ---- 999 and TA1 ------------------------------------------------------ */

static int
seg_999(struct clm_resp *r, const struct clm_x12in_seg *s)
{
	char v[64], piece[128];

	if (CLM_X12IN_IS(s, "AK1")) {
		el_copy(s, 2, r->ak1_gs06, sizeof(r->ak1_gs06));
	} else if (CLM_X12IN_IS(s, "AK2")) {
		r->in_ak2 = 1;
		el_copy(s, 2, r->set_st02, sizeof(r->set_st02));
		r->set_codes[0] = r->set_ctx[0] = '\0';
		r->nset_errs = r->set_errs_dropped = 0;
	} else if (CLM_X12IN_IS(s, "CTX") && r->in_ak2) {
		const char *p;
		size_t n = clm_x12in_comp(s, 1, 1, comp_sep(r), &p);

		if (n == 5 && memcmp(p, "CLM01", 5) == 0) {
			n = clm_x12in_comp(s, 1, 2, comp_sep(r), &p);
			snprintf(v, sizeof(v), "%.*s", (int)(n < 40 ? n : 40),
			    p);
			if (v[0] != '\0')
				list_add(r->set_ctx, sizeof(r->set_ctx), v);
		}
	} else if (CLM_X12IN_IS(s, "IK3") && r->in_ak2) {
		char pos[16], why[16];

		el_copy(s, 1, v, 8);
		el_copy(s, 2, pos, 12);
		el_copy(s, 4, why, 8);
		snprintf(piece, sizeof(piece), "IK3:%s:%s%s%s", v, pos,
		    why[0] != '\0' ? ":" : "", why);
		list_add(r->set_codes, sizeof(r->set_codes), piece);
		if (r->nset_errs < CLM_RESP_MAX_ERRS) {
			struct clm_resp_err *e = &r->set_errs[r->nset_errs++];

			e->pos = strtol(pos, NULL, 10);
			snprintf(e->codes, sizeof(e->codes), "%s", piece);
		} else {
			r->set_errs_dropped++;
		}
	} else if (CLM_X12IN_IS(s, "IK4") && r->in_ak2) {
		char why[16];

		el_joined(r, s, 1, v, 12);
		el_copy(s, 3, why, 8);
		snprintf(piece, sizeof(piece), "IK4:%s:%s", v, why);
		list_add(r->set_codes, sizeof(r->set_codes), piece);
		if (r->nset_errs > 0 && !r->set_errs_dropped)
			list_add(r->set_errs[r->nset_errs - 1].codes,
			    sizeof(r->set_errs[0].codes), piece);
	} else if (CLM_X12IN_IS(s, "IK5")) {
		item_start(r, CLM_RESP_999_SET, s->pos);
		memcpy(r->it.ref_gs06, r->ak1_gs06, sizeof(r->ak1_gs06));
		memcpy(r->it.ref_st02, r->set_st02, sizeof(r->set_st02));
		memcpy(r->it.ctx_claims, r->set_ctx, sizeof(r->set_ctx));
		memcpy(r->it.errs, r->set_errs, (size_t)r->nset_errs *
		    sizeof(r->set_errs[0]));
		r->it.nerrs = r->nset_errs;
		r->it.errs_dropped = r->set_errs_dropped;
		el_copy(s, 1, r->it.ack, sizeof(r->it.ack));
		snprintf(r->it.codes, sizeof(r->it.codes), "IK5:%s",
		    r->it.ack);
		for (size_t i = 2; i <= 6 && i <= s->nel; i++) {
			el_copy(s, i, v, 8);
			size_t n = strlen(r->it.codes);

			if (v[0] != '\0')
				snprintf(r->it.codes + n, sizeof(r->it.codes) -
				    n, ":%s", v);
		}
		list_add(r->it.codes, sizeof(r->it.codes), r->set_codes);
		if (r->it.codes[strlen(r->it.codes) - 1] == ';')
			r->it.codes[strlen(r->it.codes) - 1] = '\0';
		r->in_ak2 = 0;
		return 1;
	} else if (CLM_X12IN_IS(s, "AK9")) {
		item_start(r, CLM_RESP_999_GROUP, s->pos);
		memcpy(r->it.ref_gs06, r->ak1_gs06, sizeof(r->ak1_gs06));
		el_copy(s, 1, r->it.ack, sizeof(r->it.ack));
		snprintf(r->it.codes, sizeof(r->it.codes), "AK9:%s", r->it.ack);
		for (size_t i = 5; i <= 9 && i <= s->nel; i++) {
			el_copy(s, i, v, 8);
			size_t n = strlen(r->it.codes);

			if (v[0] != '\0')
				snprintf(r->it.codes + n, sizeof(r->it.codes) -
				    n, ":%s", v);
		}
		return 1;
	}
	return 0;
}

static int
seg_ta1(struct clm_resp *r, const struct clm_x12in_seg *s)
{
	char v[8];

	item_start(r, CLM_RESP_TA1, s->pos);
	el_copy(s, 1, r->it.ref_isa13, sizeof(r->it.ref_isa13));
	el_copy(s, 4, r->it.ack, sizeof(r->it.ack));
	el_copy(s, 5, v, sizeof(v));
	snprintf(r->it.codes, sizeof(r->it.codes), "TA1:%s:%s", r->it.ack, v);
	return 1;
}

/* ---- 277CA ------------------------------------------------------------ */

static void
stc_codes(struct clm_resp *r, const struct clm_x12in_seg *s)
{
	static const size_t at[] = { 1, 10, 11 };
	char v[40], piece[48];

	for (size_t k = 0; k < 3; k++) {
		el_joined(r, s, at[k], v, sizeof(v));
		if (v[0] == '\0')
			continue;
		if (r->it.ack[0] == '\0') {
			char *colon = strchr(v, ':');
			size_t n = colon ? (size_t)(colon - v) : strlen(v);

			if (n >= sizeof(r->it.ack))
				n = sizeof(r->it.ack) - 1;
			memcpy(r->it.ack, v, n);
			r->it.ack[n] = '\0';
		}
		snprintf(piece, sizeof(piece), "STC:%s", v);
		list_add(r->it.codes, sizeof(r->it.codes), piece);
	}
}

/* Returns 1 when an item (the previous claim) is ready. */
static int
seg_277(struct clm_resp *r, const struct clm_x12in_seg *s)
{
	if (CLM_X12IN_IS(s, "HL") || CLM_X12IN_IS(s, "SE")) {
		int done = r->in_clp;

		if (done) {
			r->in_clp = 0;
			r->pending = 1;	/* handle this HL/SE again */
			return 1;
		}
		r->hl_pt = CLM_X12IN_IS(s, "HL") && clm_x12in_el_is(s, 3, "PT");
		r->in_svc = 0;
		if (r->hl_pt) {
			item_start(r, CLM_RESP_277_CLAIM, s->pos);
			memcpy(r->it.payer_id, r->payer_id,
			    sizeof(r->payer_id));
			r->in_clp = 1;
		}
		return 0;
	}
	if (CLM_X12IN_IS(s, "NM1") && clm_x12in_el_is(s, 1, "PR"))
		el_copy(s, 9, r->payer_id, sizeof(r->payer_id));
	if (!r->in_clp)
		return 0;
	if (CLM_X12IN_IS(s, "SVC")) {
		r->in_svc = 1;
	} else if (r->in_svc) {
		return 0;	/* 2220D line detail: not the claim's */
	} else if (CLM_X12IN_IS(s, "TRN") && clm_x12in_el_is(s, 1, "2")) {
		el_copy(s, 2, r->it.clm01, sizeof(r->it.clm01));
	} else if (CLM_X12IN_IS(s, "STC")) {
		stc_codes(r, s);
		if (!r->it.has_billed && el_cents(s, 4, &r->it.billed) == 0)
			r->it.has_billed = 1;
	} else if (CLM_X12IN_IS(s, "REF") && clm_x12in_el_is(s, 1, "1K")) {
		el_copy(s, 2, r->it.payer_ctl, sizeof(r->it.payer_ctl));
	} else if (CLM_X12IN_IS(s, "DTP") && clm_x12in_el_is(s, 1, "472")) {
		read_dates(s, 2, &r->it.from, &r->it.to);
	}
	return 0;
}

/* ---- 835 -------------------------------------------------------------- */

static void
line_dates_into_claim(struct clm_resp_item *it)
{
	if (it->from != 0)
		return;
	for (size_t i = 0; i < it->nlines; i++) {
		const struct clm_resp_line *l = &it->lines[i];

		if (l->from > 0 && (it->from == 0 || l->from < it->from))
			it->from = l->from;
		if (l->to > it->to)
			it->to = l->to;
	}
}

static void
check_balance(struct clm_resp_item *it)
{
	long long cas = clm_resp_adj_sum(&it->adj, "");

	for (size_t i = 0; i < it->nlines; i++) {
		const struct clm_resp_line *l = &it->lines[i];
		long long lcas = clm_resp_adj_sum(&l->adj, "");

		cas += lcas;
		if (l->billed - lcas != l->paid && !l->adj.dropped)
			it->unbalanced = 1;
	}
	if (it->has_billed && it->has_paid && !it->adj.dropped &&
	    it->billed - cas != it->paid)
		it->unbalanced = 1;
}

static int
finish_clp(struct clm_resp *r)
{
	r->in_clp = 0;
	line_dates_into_claim(&r->it);
	check_balance(&r->it);
	return 1;
}

static struct clm_resp_line *
cur_line(struct clm_resp *r)
{
	return r->it.nlines ? &r->it.lines[r->it.nlines - 1] : NULL;
}

static void
add_line(struct clm_resp *r, const struct clm_x12in_seg *s)
{
	struct clm_resp_line *l;

	if (r->it.nlines == CLM_RESP_MAX_LINES) {
		r->it.lines_dropped++;
		return;
	}
	if (r->it.nlines == r->capl) {
		r->capl = r->capl ? r->capl * 2 : 16;
		r->it.lines = clm_xrealloc(r->it.lines,
		    r->capl * sizeof(*r->it.lines));
	}
	l = &r->it.lines[r->it.nlines++];
	memset(l, 0, sizeof(*l));
	el_joined(r, s, 1, l->proc, sizeof(l->proc));
	(void)el_cents(s, 2, &l->billed);
	(void)el_cents(s, 3, &l->paid);
	el_copy(s, 5, l->units, sizeof(l->units));
	l->pos = s->pos;
}

static void
add_remark(struct clm_resp_adjs *a, const struct clm_x12in_seg *s, size_t i)
{
	char v[16];

	el_copy(s, i, v, sizeof(v));
	if (v[0] != '\0')
		list_add(a->remarks, sizeof(a->remarks), v);
}

static int
seg_835_claim(struct clm_resp *r, const struct clm_x12in_seg *s)
{
	struct clm_resp_line *l = r->in_clp == 2 ? cur_line(r) : NULL;
	struct clm_resp_adjs *adj = l ? &l->adj : &r->it.adj;

	if (CLM_X12IN_IS(s, "SVC")) {
		add_line(r, s);
		r->in_clp = 2;
	} else if (CLM_X12IN_IS(s, "CAS")) {
		add_cas(s, adj);
	} else if (CLM_X12IN_IS(s, "DTM") && r->in_clp == 2) {
		if (l != NULL) {
			char v[9];
			long d;

			el_copy(s, 2, v, sizeof(v));
			d = clm_date_parse(v);
			if (clm_x12in_el_is(s, 1, "472"))
				l->from = l->to = d;
			else if (clm_x12in_el_is(s, 1, "150"))
				l->from = d;
			else if (clm_x12in_el_is(s, 1, "151"))
				l->to = d;
		}
	} else if (CLM_X12IN_IS(s, "DTM")) {
		char v[9];

		el_copy(s, 2, v, sizeof(v));
		if (clm_x12in_el_is(s, 1, "232"))
			r->it.from = clm_date_parse(v);
		else if (clm_x12in_el_is(s, 1, "233"))
			r->it.to = clm_date_parse(v);
	} else if (CLM_X12IN_IS(s, "MOA") && r->in_clp == 1) {
		for (size_t i = 3; i <= 7; i++)
			add_remark(&r->it.adj, s, i);
	} else if (CLM_X12IN_IS(s, "LQ") && l != NULL &&
	    clm_x12in_el_is(s, 1, "HE")) {
		add_remark(&l->adj, s, 2);
	} else if (CLM_X12IN_IS(s, "REF") && l != NULL &&
	    clm_x12in_el_is(s, 1, "6R")) {
		el_copy(s, 2, l->ctrl, sizeof(l->ctrl));
	}
	return 0;
}

/* PLB: provider, fiscal period, then (reason:reference, amount) up to
 * six times.  The reference is code-shaped (a claim or check number). */
static int
plb(struct clm_resp *r, const struct clm_x12in_seg *s)
{
	char v[9];

	item_start(r, CLM_RESP_835_PLB, s->pos);
	memcpy(r->it.payer_id, r->payer835, sizeof(r->payer835));
	el_copy(s, 2, v, sizeof(v));
	r->it.from = r->it.to = clm_date_parse(v);
	for (size_t i = 3; i + 1 <= 14; i += 2) {
		struct clm_resp_adj *a;
		char code[64], *ref, piece[96];
		long long cents;

		el_joined(r, s, i, code, sizeof(code));
		if (code[0] == '\0' || el_cents(s, i + 1, &cents) != 0)
			continue;
		if (r->it.adj.n == CLM_RESP_MAX_ADJ) {
			r->it.adj.dropped++;
			continue;
		}
		ref = strchr(code, ':');
		if (ref != NULL)
			*ref++ = '\0';
		a = &r->it.adj.v[r->it.adj.n++];
		snprintf(a->group, sizeof(a->group), "%s", "");
		snprintf(a->reason, sizeof(a->reason), "%.5s", code);
		a->cents = cents;
		snprintf(piece, sizeof(piece), "PLB:%.5s:%.40s", code,
		    ref ? ref : "");
		list_add(r->it.codes, sizeof(r->it.codes), piece);
	}
	return 1;
}

const char *
clm_resp_plb_words(const char *code)
{
	static const char *const words[][2] = {
		{ "WO", "overpayment recovery" },
		{ "FB", "forwarding balance carried from or to another "
		    "remittance" },
		{ "L6", "interest owed" },
		{ "72", "authorized return of an earlier payment" },
		{ "CS", "adjustment" },
		{ "J1", "nonreimbursable" },
		{ "IR", "tax withholding" },
		{ "50", "late charge" },
		{ "L3", "penalty" },
		{ "WU", "unspecified recovery" },
		{ "B2", "rebate" },
		{ "AP", "acceleration of benefits" },
		{ "BD", "bad debt adjustment" },
		{ "C5", "temporary allowance" },
		{ "E3", "withholding" },
		{ "GO", "garnishment" },
		{ "LE", "levy" },
		{ "OB", "offset for affiliated providers" },
		{ "PI", "periodic interim payment" },
	};

	for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (strcmp(words[i][0], code) == 0)
			return words[i][1];
	return "";
}

static int
seg_835(struct clm_resp *r, const struct clm_x12in_seg *s)
{
	if (CLM_X12IN_IS(s, "CLP") || CLM_X12IN_IS(s, "SE") ||
	    CLM_X12IN_IS(s, "LX") || CLM_X12IN_IS(s, "PLB")) {
		if (r->in_clp) {
			r->pending = 1;
			return finish_clp(r);
		}
		if (CLM_X12IN_IS(s, "PLB"))
			return plb(r, s);
		if (!CLM_X12IN_IS(s, "CLP"))
			return 0;
		item_start(r, CLM_RESP_835_CLAIM, s->pos);
		memcpy(r->it.payer_id, r->payer835, sizeof(r->payer835));
		el_copy(s, 1, r->it.clm01, sizeof(r->it.clm01));
		el_copy(s, 2, r->it.ack, sizeof(r->it.ack));
		r->it.has_billed = el_cents(s, 3, &r->it.billed) == 0;
		r->it.has_paid = el_cents(s, 4, &r->it.paid) == 0;
		r->it.has_pr = el_cents(s, 5, &r->it.pr) == 0;
		el_copy(s, 7, r->it.payer_ctl, sizeof(r->it.payer_ctl));
		r->in_clp = 1;
		return 0;
	}
	if (r->in_clp)
		return seg_835_claim(r, s);
	if (CLM_X12IN_IS(s, "TRN")) {
		el_copy(s, 2, r->trn02, sizeof(r->trn02));
		el_copy(s, 3, r->trn03, sizeof(r->trn03));
	} else if (CLM_X12IN_IS(s, "BPR")) {
		r->has_bpr = el_cents(s, 2, &r->bpr02) == 0;
	}
	if (CLM_X12IN_IS(s, "TRN") && r->payer835[0] == '\0')
		el_copy(s, 3, r->payer835, sizeof(r->payer835));
	else if (CLM_X12IN_IS(s, "N1") && clm_x12in_el_is(s, 1, "PR") &&
	    clm_x12in_el(s, 4, &(const char *){ NULL }) > 0)
		el_copy(s, 4, r->payer835, sizeof(r->payer835));
	else if (CLM_X12IN_IS(s, "REF") && clm_x12in_el_is(s, 1, "2U"))
		el_copy(s, 2, r->payer835, sizeof(r->payer835));
	return 0;
}

/* ---- envelope --------------------------------------------------------- */

static int
seg_envelope(struct clm_resp *r, const struct clm_x12in_seg *s)
{
	if (CLM_X12IN_IS(s, "ISA")) {
		el_copy(s, 13, r->isa13, sizeof(r->isa13));
		r->gs06[0] = r->st02[0] = '\0';
		r->set = SET_NONE;
	} else if (CLM_X12IN_IS(s, "GS")) {
		el_copy(s, 6, r->gs06, sizeof(r->gs06));
	} else if (CLM_X12IN_IS(s, "ST")) {
		el_copy(s, 2, r->st02, sizeof(r->st02));
		r->set = clm_x12in_el_is(s, 1, "999") ? SET_999 :
		    clm_x12in_el_is(s, 1, "277") ? SET_277 :
		    clm_x12in_el_is(s, 1, "835") ? SET_835 : SET_OTHER;
		r->payer_id[0] = r->payer835[0] = '\0';
		r->trn02[0] = r->trn03[0] = '\0';
		r->has_bpr = 0;
		r->bpr02 = 0;
		r->set_pos = s->pos;
		r->in_ak2 = r->hl_pt = r->in_svc = 0;
		if (r->set == SET_OTHER) {
			item_start(r, CLM_RESP_OTHER, s->pos);
			el_copy(s, 1, r->it.ack, sizeof(r->it.ack));
			return 1;
		}
	} else if (CLM_X12IN_IS(s, "TA1")) {
		return seg_ta1(r, s);
	} else {
		return -1;	/* not an envelope segment */
	}
	return 0;
}

int
clm_resp_next(struct clm_resp *r, struct clm_resp_item **it,
    struct clm_error *err)
{
	for (;;) {
		struct clm_x12in_seg *s = &r->seg;
		int rc;

		if (r->pending) {
			r->pending = 0;
		} else if ((rc = clm_x12in_tok_next(r->tok, s, err)) <= 0) {
			if (rc == 0 && r->in_clp) {
				/* input ended inside a claim: hand it out */
				rc = r->set == SET_835 ? finish_clp(r) : 1;
				r->in_clp = 0;
				*it = &r->it;
			}
			return rc;
		}
		if (CLM_X12IN_IS(s, "ISA") || CLM_X12IN_IS(s, "GS") ||
		    CLM_X12IN_IS(s, "ST") || CLM_X12IN_IS(s, "TA1")) {
			if (r->in_clp) {	/* trailer missing */
				r->pending = 1;
				rc = r->set == SET_835 ? finish_clp(r) : 1;
				r->in_clp = 0;
				*it = &r->it;
				return rc;
			}
			rc = seg_envelope(r, s);
		} else if (r->set == SET_999) {
			rc = seg_999(r, s);
		} else if (r->set == SET_277) {
			rc = seg_277(r, s);
		} else if (r->set == SET_835) {
			rc = seg_835(r, s);
		} else {
			rc = 0;
		}
		if (CLM_X12IN_IS(s, "SE") && !r->pending)
			r->set = SET_NONE;
		if (rc > 0) {
			*it = &r->it;
			return 1;
		}
	}
}

/* ---- status (clm policy, clm-response(1) "STATUS") -------------------- */

static int
has_reason(const struct clm_resp_adjs *a, const char *code)
{
	for (int i = 0; i < a->n; i++)
		if (strcmp(a->v[i].reason, code) == 0)
			return 1;
	return 0;
}

static int
is_one_of(const char *v, const char *const *set)
{
	for (; *set != NULL; set++)
		if (strcmp(v, *set) == 0)
			return 1;
	return 0;
}

static const char *
status_ack(const struct clm_resp_item *it)
{
	static const char *const ok[] = { "A", "E", NULL };

	if (is_one_of(it->ack, ok) || (it->kind == CLM_RESP_999_GROUP &&
	    strcmp(it->ack, "P") == 0))
		return "accepted";
	return "rejected";
}

static const char *
status_277(const char *cat)
{
	static const char *const ok[] = { "A2", "A5", NULL };
	static const char *const bad[] = { "A3", "A4", "A6", "A7", "A8",
	    NULL };

	if (is_one_of(cat, ok))
		return "accepted";
	if (is_one_of(cat, bad))
		return "rejected";
	return "pended";	/* A0, A1: received or forwarded, no decision */
}

static const char *
status_835(const struct clm_resp_item *it)
{
	static const char *const later[] = { "23", "25", NULL };
	long long pr = it->has_pr ? it->pr : clm_resp_adj_sum(&it->adj, "PR");
	int line_denied = 0, pended = has_reason(&it->adj, "133");

	for (size_t i = 0; i < it->nlines; i++) {
		const struct clm_resp_line *l = &it->lines[i];

		pended |= has_reason(&l->adj, "133");
		if (l->paid == 0 && clm_resp_adj_sum(&l->adj, "PR") == 0)
			line_denied = 1;
	}
	if (strcmp(it->ack, "22") == 0)
		return "reversed";
	if (strcmp(it->ack, "4") == 0)
		return "denied";
	if (pended || is_one_of(it->ack, later))
		return "pended";
	if (it->paid == 0 && pr == 0)
		return "denied";
	return line_denied ? "partly-paid" : "paid";
}

const char *
clm_resp_status(const struct clm_resp_item *it)
{
	switch (it->kind) {
	case CLM_RESP_TA1:
	case CLM_RESP_999_SET:
	case CLM_RESP_999_GROUP:
		return status_ack(it);
	case CLM_RESP_277_CLAIM:
		return status_277(it->ack);
	case CLM_RESP_835_CLAIM:
		return status_835(it);
	case CLM_RESP_835_PLB:
		return "adjusted";
	default:
		return NULL;
	}
}

const char *
clm_resp_line_status(const struct clm_resp_item *it,
    const struct clm_resp_line *l)
{
	if (strcmp(it->ack, "22") == 0)
		return "reversed";
	if (has_reason(&l->adj, "133"))
		return "pended";
	if (l->paid != 0 || clm_resp_adj_sum(&l->adj, "PR") != 0)
		return "paid";
	return "denied";
}
