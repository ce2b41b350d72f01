/*
 * clm_837p_render: one claim into segments, in 005010X222A1 order.
 * Loops above the claim (2000A/B/C) are opened when the claim's billing
 * provider, subscriber or patient differ from the last written claim's;
 * docs/x12.md maps every column.  Values go through the writer, which
 * refuses any delimiter or out-of-set character (the claim is then held
 * back by the caller).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clm_837p.h"
#include "clm_money.h"
#include "clm_837p_out.h"

#define PLACEHOLDER "000000000"	/* BHT03 prefix: ISA13, set at the end */

static const char *
get(const struct clm_837p_out *e, const struct clm_row *r, enum clm_column col)
{
	return clm_row_get(r, e->h, col);
}

static void
el(struct clm_837p_out *e, const struct clm_row *r, enum clm_column col)
{
	clm_x12_el(&e->w, get(e, r, col), clm_column_name(col));
}

static void
comp(struct clm_837p_out *e, const struct clm_row *r, enum clm_column col)
{
	clm_x12_comp(&e->w, get(e, r, col), clm_column_name(col));
}

static void
k(struct clm_837p_out *e, const char *v)
{
	clm_x12_el(&e->w, v, NULL);
}

static void
seg(struct clm_837p_out *e, const char *id)
{
	clm_x12_seg(&e->w, id);
}

static void
end(struct clm_837p_out *e)
{
	clm_x12_seg_end(&e->w);
}

/* Decimal digits of v into buf (at least 21 bytes). */
static const char *
num(unsigned long v, char *buf)
{
	char *p = buf + 20;

	*p = '\0';
	do
		*--p = (char)('0' + v % 10);
	while ((v /= 10) > 0);
	return p;
}

static int
differs(const struct clm_837p_out *e, const struct clm_row *a,
    const struct clm_row *b, enum clm_column from, enum clm_column to)
{
	for (int c = (int)from; c <= (int)to; c++)
		if (strcmp(get(e, a, (enum clm_column)c),
		    get(e, b, (enum clm_column)c)) != 0)
			return 1;
	return 0;
}

static void
sync_segs(struct clm_837p_out *e, struct clm_837p_hl *hl)
{
	hl->st_segs += e->w.segs - hl->seg_mark;
	hl->seg_mark = e->w.segs;
}

void
clm_837p_render_se(struct clm_837p_out *e, struct clm_837p_hl *hl)
{
	char n[32];

	sync_segs(e, hl);
	seg(e, "SE");
	snprintf(n, sizeof(n), "%lu", hl->st_segs + 1);
	k(e, n);
	snprintf(n, sizeof(n), "%04u", hl->st_no);
	k(e, n);
	end(e);
	sync_segs(e, hl);
	hl->st_open = 0;
}

/* 1000A PER: the partner file's contact, else the claim's. */
static void
render_contact(struct clm_837p_out *e, const struct clm_row *r)
{
	const struct clm_partner *p = &e->partner;

	seg(e, "PER");
	k(e, "IC");
	if (p->submitter_phone[0] != '\0' || p->submitter_email[0] != '\0') {
		k(e, p->submitter_contact[0] ? p->submitter_contact :
		    p->submitter_name);
		if (p->submitter_phone[0] != '\0') {
			k(e, "TE");
			k(e, p->submitter_phone);
		}
		if (p->submitter_email[0] != '\0') {
			k(e, "EM");
			k(e, p->submitter_email);
		}
	} else {
		if (get(e, r, CLM_COL_BILL_CONTACT)[0] != '\0')
			el(e, r, CLM_COL_BILL_CONTACT);
		else
			k(e, p->submitter_contact[0] ? p->submitter_contact :
			    p->submitter_name);
		k(e, "TE");
		el(e, r, CLM_COL_BILL_PHONE);
	}
	end(e);
}

static void
render_st(struct clm_837p_out *e, const struct clm_row *r, struct clm_837p_hl *hl)
{
	char v[64];

	hl->st_open = 1;
	hl->st_no++;
	hl->st_claims = 0;
	hl->st_segs = 0;
	hl->seg_mark = e->w.segs;
	hl->hl = 0;
	hl->have_prev = 0;
	seg(e, "ST");
	k(e, "837");
	snprintf(v, sizeof(v), "%04u", hl->st_no);
	k(e, v);
	k(e, "005010X222A1");
	end(e);
	seg(e, "BHT");
	k(e, "0019");
	k(e, "00");
	snprintf(v, sizeof(v), "%s%04u", PLACEHOLDER, hl->st_no);
	k(e, v);
	if (e->npend == e->cappend) {
		e->cappend = e->cappend ? e->cappend * 2 : 8;
		e->pend = clm_xrealloc(e->pend, e->cappend * sizeof(*e->pend));
	}
	e->pend[e->npend++] = e->w.len - strlen(v);
	k(e, e->today);
	k(e, e->now);
	k(e, "CH");
	end(e);
	seg(e, "NM1");
	k(e, "41");
	k(e, "2");
	k(e, e->partner.submitter_name);
	clm_x12_skip(&e->w, 4);
	k(e, "46");
	k(e, e->partner.submitter_id);
	end(e);
	render_contact(e, r);
	seg(e, "NM1");
	k(e, "40");
	k(e, "2");
	k(e, e->partner.receiver_name);
	clm_x12_skip(&e->w, 4);
	k(e, "46");
	k(e, e->partner.receiver_id);
	end(e);
}

static void
render_hl(struct clm_837p_out *e, struct clm_837p_hl *hl, unsigned long parent,
    const char *level, int children)
{
	char v[32];

	seg(e, "HL");
	k(e, num(++hl->hl, v));
	if (parent > 0)
		k(e, num(parent, v));
	else
		clm_x12_skip(&e->w, 1);
	k(e, level);
	k(e, children ? "1" : "0");
	end(e);
}

/* N3 and N4 from four consecutive columns: addr1, addr2, city, state,
 * zip (the canonical order of every address in columns.def). */
static void
render_address(struct clm_837p_out *e, const struct clm_row *r,
    enum clm_column addr1)
{
	seg(e, "N3");
	el(e, r, addr1);
	el(e, r, addr1 + 1);
	end(e);
	seg(e, "N4");
	el(e, r, addr1 + 2);
	el(e, r, addr1 + 3);
	el(e, r, addr1 + 4);
	end(e);
}

static void
render_billing(struct clm_837p_out *e, const struct clm_row *r,
    struct clm_837p_hl *hl)
{
	const char *ent = get(e, r, CLM_COL_BILL_ENTITY);
	const char *tin = get(e, r, CLM_COL_BILL_TIN_TYPE);

	render_hl(e, hl, 0, "20", 1);
	hl->hl_bill = hl->hl;
	if (get(e, r, CLM_COL_BILL_TAXONOMY)[0] != '\0') {
		seg(e, "PRV");
		k(e, "BI");
		k(e, "PXC");
		el(e, r, CLM_COL_BILL_TAXONOMY);
		end(e);
	}
	seg(e, "NM1");
	k(e, "85");
	k(e, ent[0] ? ent : "2");
	el(e, r, CLM_COL_BILL_NAME);
	if (strcmp(ent, "1") == 0)
		el(e, r, CLM_COL_BILL_FIRST);
	else
		clm_x12_skip(&e->w, 1);
	clm_x12_skip(&e->w, 3);
	k(e, "XX");
	el(e, r, CLM_COL_BILL_NPI);
	end(e);
	render_address(e, r, CLM_COL_BILL_ADDR1);
	seg(e, "REF");
	k(e, tin[0] ? tin : "EI");
	el(e, r, CLM_COL_BILL_TIN);
	end(e);
	if (get(e, r, CLM_COL_PAYTO_ADDR1)[0] != '\0') {
		seg(e, "NM1");
		k(e, "87");
		k(e, "2");
		end(e);
		render_address(e, r, CLM_COL_PAYTO_ADDR1);
	}
}

/* NM1 for a person: qualifier, last, first, then (full) middle and
 * suffix, then the id. */
static void
render_person(struct clm_837p_out *e, const struct clm_row *r, const char *q,
    enum clm_column last, int full, const char *idq, enum clm_column id)
{
	seg(e, "NM1");
	k(e, q);
	k(e, "1");
	el(e, r, last);
	el(e, r, last + 1);
	if (full) {
		el(e, r, last + 2);
		clm_x12_skip(&e->w, 1);
		el(e, r, last + 3);
	} else
		clm_x12_skip(&e->w, 3);
	if (idq != NULL) {
		k(e, idq);
		el(e, r, id);
	}
	end(e);
}

static void
render_dmg(struct clm_837p_out *e, const struct clm_row *r, enum clm_column dob)
{
	seg(e, "DMG");
	k(e, "D8");
	el(e, r, dob);
	el(e, r, dob + 1);
	end(e);
}

static void
render_subscriber(struct clm_837p_out *e, const struct clm_row *r,
    struct clm_837p_hl *hl, int dependent)
{
	render_hl(e, hl, hl->hl_bill, "22", dependent);
	hl->hl_sub = hl->hl;
	hl->sub_children = dependent;
	hl->hl_claims = 0;
	seg(e, "SBR");
	el(e, r, CLM_COL_PAYER_SEQ);
	k(e, dependent ? "" : "18");
	el(e, r, CLM_COL_SUB_GROUP);
	/* SBR04 only when there is no group number (TR3 note) */
	if (get(e, r, CLM_COL_SUB_GROUP)[0] == '\0')
		el(e, r, CLM_COL_SUB_GROUP_NAME);
	else
		clm_x12_skip(&e->w, 1);
	el(e, r, CLM_COL_INS_TYPE);
	clm_x12_skip(&e->w, 3);
	el(e, r, CLM_COL_FILING_IND);
	end(e);
	render_person(e, r, "IL", CLM_COL_SUB_LAST, 1, "MI", CLM_COL_SUB_ID);
	/* N3, N4 and DMG only when the subscriber is the patient: the guide
	 * says "if not required, do not send" */
	if (!dependent) {
		render_address(e, r, CLM_COL_SUB_ADDR1);
		render_dmg(e, r, CLM_COL_SUB_DOB);
	}
	seg(e, "NM1");
	k(e, "PR");
	k(e, "2");
	el(e, r, CLM_COL_PAYER_NAME);
	clm_x12_skip(&e->w, 4);
	k(e, "PI");
	el(e, r, CLM_COL_PAYER_ID);
	end(e);
}

static void
render_patient(struct clm_837p_out *e, const struct clm_row *r,
    struct clm_837p_hl *hl)
{
	render_hl(e, hl, hl->hl_sub, "23", 0);
	hl->hl_pat = hl->hl;
	hl->hl_claims = 0;
	seg(e, "PAT");
	el(e, r, CLM_COL_PAT_REL);
	end(e);
	render_person(e, r, "QC", CLM_COL_PAT_LAST, 1, NULL, CLM_COL_PAT_LAST);
	render_address(e, r, CLM_COL_PAT_ADDR1);
	render_dmg(e, r, CLM_COL_PAT_DOB);
}

/* Open the HLs this claim hangs under (prev: the last claim in this ST). */
static void
render_hls(struct clm_837p_out *e, const struct clm_row *r,
    const struct clm_row *prev, struct clm_837p_hl *hl)
{
	int dep = clm_837p_is_dependent(e, r);
	int new_bill = prev == NULL ||
	    differs(e, prev, r, CLM_COL_BILL_NPI, CLM_COL_BILL_ZIP) ||
	    differs(e, prev, r, CLM_COL_PAYTO_ADDR1, CLM_COL_PAYTO_ZIP);
	int new_sub = new_bill ||
	    differs(e, prev, r, CLM_COL_PAYER_ID, CLM_COL_SUB_GROUP_NAME) ||
	    hl->sub_children != dep ||
	    (!dep && hl->hl_claims >= CLM_837P_MAX_HL_CLAIMS);

	if (new_bill)
		render_billing(e, r, hl);
	if (new_sub)
		render_subscriber(e, r, hl, dep);
	if (dep && (new_sub || hl->hl_claims >= CLM_837P_MAX_HL_CLAIMS ||
	    differs(e, prev, r, CLM_COL_PAT_REL, CLM_COL_PAT_ZIP)))
		render_patient(e, r, hl);
}

static void
render_clm(struct clm_837p_out *e, const struct clm_claim *c, size_t from,
    size_t to)
{
	const struct clm_row *r = c->rows[0];
	const char *freq = get(e, r, CLM_COL_CLAIM_FREQ);
	long long sum = 0;
	char v[32];

	for (size_t i = from; i < to; i++)
		sum += clm_money_cents(get(e, c->rows[i], CLM_COL_CHARGE));
	clm_money_format(sum, v, sizeof(v));
	seg(e, "CLM");
	el(e, r, CLM_COL_CLAIM_ID);
	k(e, v);
	clm_x12_skip(&e->w, 2);
	clm_x12_comp_begin(&e->w);
	comp(e, r, CLM_COL_POS);
	clm_x12_comp(&e->w, "B", NULL);
	clm_x12_comp(&e->w, freq[0] ? freq : "1", "claim_freq");
	el(e, r, CLM_COL_PROV_SIGNATURE);
	el(e, r, CLM_COL_ACCEPT_ASSIGN);
	el(e, r, CLM_COL_BENEFITS_ASSIGN);
	el(e, r, CLM_COL_RELEASE_INFO);
	if (get(e, r, CLM_COL_ACCIDENT_CAUSE)[0] != '\0') {
		clm_x12_skip(&e->w, 1);
		clm_x12_comp_begin(&e->w);
		comp(e, r, CLM_COL_ACCIDENT_CAUSE);
		clm_x12_comp(&e->w, "", NULL);
		clm_x12_comp(&e->w, "", NULL);
		comp(e, r, CLM_COL_ACCIDENT_STATE);
	}
	end(e);
}

static void
render_ref(struct clm_837p_out *e, const struct clm_row *r, const char *q,
    enum clm_column col)
{
	if (get(e, r, col)[0] == '\0')
		return;
	seg(e, "REF");
	k(e, q);
	el(e, r, col);
	end(e);
}

static void
render_amt(struct clm_837p_out *e, const struct clm_row *r, const char *q,
    enum clm_column col)
{
	char v[32];

	if (get(e, r, col)[0] == '\0')
		return;
	clm_money_format(clm_money_cents(get(e, r, col)), v, sizeof(v));
	seg(e, "AMT");
	k(e, q);
	k(e, v);
	end(e);
}

static void
render_date(struct clm_837p_out *e, const struct clm_row *r, const char *q,
    enum clm_column col)
{
	if (get(e, r, col)[0] == '\0')
		return;
	seg(e, "DTP");
	k(e, q);
	k(e, "D8");
	el(e, r, col);
	end(e);
}

static void
render_hi(struct clm_837p_out *e, const struct clm_row *r)
{
	seg(e, "HI");
	for (int n = 1; n <= CLM_837P_MAX_DX; n++) {
		if (get(e, r, CLM_COL_DX(n))[0] == '\0')
			break;
		clm_x12_comp_begin(&e->w);
		clm_x12_comp(&e->w, n == 1 ? "ABK" : "ABF", NULL);
		comp(e, r, CLM_COL_DX(n));
	}
	end(e);
}

static void
render_claim_head(struct clm_837p_out *e, const struct clm_claim *c,
    size_t from, size_t to)
{
	const struct clm_row *r = c->rows[0];
	const char *freq = get(e, r, CLM_COL_CLAIM_FREQ);

	render_clm(e, c, from, to);
	render_date(e, r, "431", CLM_COL_ONSET_DATE);
	if (clm_837p_needs_accident_date(e, r))
		render_date(e, r, "439", CLM_COL_ACCIDENT_DATE);
	render_amt(e, r, "F5", CLM_COL_PATIENT_PAID);
	render_ref(e, r, "9F", CLM_COL_REFERRAL_NO);
	render_ref(e, r, "G1", CLM_COL_PRIOR_AUTH);
	if (strcmp(freq, "7") == 0 || strcmp(freq, "8") == 0)
		render_ref(e, r, "F8", CLM_COL_ORIG_REF);
	if (get(e, r, CLM_COL_CLAIM_NOTE)[0] != '\0') {
		seg(e, "NTE");
		k(e, "ADD");
		el(e, r, CLM_COL_CLAIM_NOTE);
		end(e);
	}
	render_hi(e, r);
}

static void
render_provider(struct clm_837p_out *e, const struct clm_row *r, const char *q,
    enum clm_column last, enum clm_column npi)
{
	int person = strcmp(q, "DN") == 0 || get(e, r, last + 1)[0] != '\0';

	seg(e, "NM1");
	k(e, q);
	k(e, person ? "1" : "2");
	el(e, r, last);
	if (person)
		el(e, r, last + 1);
	else
		clm_x12_skip(&e->w, 1);
	clm_x12_skip(&e->w, 3);
	if (get(e, r, npi)[0] != '\0') {
		k(e, "XX");
		el(e, r, npi);
	}
	end(e);
}

static void
render_2310(struct clm_837p_out *e, const struct clm_row *r)
{
	if (get(e, r, CLM_COL_REF_NPI)[0] != '\0' ||
	    get(e, r, CLM_COL_REF_LAST)[0] != '\0')
		render_provider(e, r, "DN", CLM_COL_REF_LAST, CLM_COL_REF_NPI);
	if (clm_837p_needs_rendering(e, r)) {
		render_provider(e, r, "82", CLM_COL_REND_LAST,
		    CLM_COL_REND_NPI);
		if (get(e, r, CLM_COL_REND_TAXONOMY)[0] != '\0') {
			seg(e, "PRV");
			k(e, "PE");
			k(e, "PXC");
			el(e, r, CLM_COL_REND_TAXONOMY);
			end(e);
		}
	}
	if (get(e, r, CLM_COL_FAC_NAME)[0] != '\0') {
		seg(e, "NM1");
		k(e, "77");
		k(e, "2");
		el(e, r, CLM_COL_FAC_NAME);
		clm_x12_skip(&e->w, 4);
		if (get(e, r, CLM_COL_FAC_NPI)[0] != '\0') {
			k(e, "XX");
			el(e, r, CLM_COL_FAC_NPI);
		}
		end(e);
		render_address(e, r, CLM_COL_FAC_ADDR1);
	}
}

/* CAS segments, one per group code, in order of first appearance. */
static void
render_cas(struct clm_837p_out *e, const struct clm_row *r, enum clm_column col)
{
	struct clm_837p_adj a[CLM_837P_MAX_ADJ];
	int n = clm_837p_parse_adj(get(e, r, col), a, CLM_837P_MAX_ADJ);

	for (int i = 0; i < n; i++) {
		int first = 1;

		for (int j = 0; j < i; j++)
			first &= strcmp(a[j].group, a[i].group) != 0;
		if (!first)
			continue;
		seg(e, "CAS");
		k(e, a[i].group);
		for (int j = i; j < n; j++) {
			if (strcmp(a[j].group, a[i].group) != 0)
				continue;
			k(e, a[j].reason);
			k(e, a[j].amount);
			clm_x12_skip(&e->w, 1);
		}
		end(e);
	}
}

static void
render_cob(struct clm_837p_out *e, const struct clm_claim *c)
{
	const struct clm_row *r = c->rows[0];
	int lines = 0;

	if (get(e, r, CLM_COL_OTH_PAYER_ID)[0] == '\0')
		return;
	for (size_t i = 0; i < c->n; i++)
		lines |= clm_837p_line_has_cob(e, c->rows[i]);
	seg(e, "SBR");
	el(e, r, CLM_COL_OTH_PAYER_SEQ);
	el(e, r, CLM_COL_OTH_SUB_REL);
	clm_x12_skip(&e->w, 2);
	el(e, r, CLM_COL_OTH_INS_TYPE);
	clm_x12_skip(&e->w, 3);
	el(e, r, CLM_COL_OTH_FILING_IND);
	end(e);
	render_cas(e, r, CLM_COL_OTH_ADJ);
	render_amt(e, r, "D", CLM_COL_OTH_PAID);
	seg(e, "OI");
	clm_x12_skip(&e->w, 2);
	el(e, r, CLM_COL_BENEFITS_ASSIGN);
	clm_x12_skip(&e->w, 2);
	el(e, r, CLM_COL_RELEASE_INFO);
	end(e);
	render_person(e, r, "IL", CLM_COL_OTH_SUB_LAST, 0, "MI",
	    CLM_COL_OTH_SUB_ID);
	seg(e, "NM1");
	k(e, "PR");
	k(e, "2");
	el(e, r, CLM_COL_OTH_PAYER_NAME);
	clm_x12_skip(&e->w, 4);
	k(e, "PI");
	el(e, r, CLM_COL_OTH_PAYER_ID);
	end(e);
	/* the date goes in 2430 when lines carry it, never at both levels */
	if (!lines)
		render_date(e, r, "573", CLM_COL_OTH_PAID_DATE);
}

static void
render_procedure(struct clm_837p_out *e, const struct clm_row *r)
{
	clm_x12_comp_begin(&e->w);
	clm_x12_comp(&e->w, "HC", NULL);
	comp(e, r, CLM_COL_PROC);
	for (int m = 1; m <= 4; m++)
		comp(e, r, CLM_COL_MOD(m));
}

static void
render_sv1(struct clm_837p_out *e, const struct clm_row *r)
{
	const char *ut = get(e, r, CLM_COL_UNIT_TYPE);
	const char *p = get(e, r, CLM_COL_DX_PTR);
	char v[32];

	seg(e, "SV1");
	render_procedure(e, r);
	clm_money_format(clm_money_cents(get(e, r, CLM_COL_CHARGE)), v, sizeof(v));
	k(e, v);
	k(e, ut[0] ? ut : "UN");
	el(e, r, CLM_COL_UNITS);
	el(e, r, CLM_COL_LINE_POS);
	clm_x12_skip(&e->w, 1);
	clm_x12_comp_begin(&e->w);
	while (*p != '\0') {
		size_t n = strcspn(p, ":");

		if (n < sizeof(v)) {
			memcpy(v, p, n);
			v[n] = '\0';
			clm_x12_comp(&e->w, v, "dx_ptr");
		}
		p += n + (p[n] == ':');
	}
	end(e);
}

static void
render_dos(struct clm_837p_out *e, const struct clm_row *r)
{
	const char *from = get(e, r, CLM_COL_DOS_FROM);
	const char *to = get(e, r, CLM_COL_DOS_TO);
	char v[40];

	seg(e, "DTP");
	k(e, "472");
	if (to[0] == '\0' || strcmp(from, to) == 0) {
		k(e, "D8");
		el(e, r, CLM_COL_DOS_FROM);
	} else {
		k(e, "RD8");
		/* both dates were checked as CCYYMMDD: no delimiter */
		snprintf(v, sizeof(v), "%.8s-%.8s", from, to);
		clm_x12_el(&e->w, v, "dos_from");
	}
	end(e);
}

static void
render_2430(struct clm_837p_out *e, const struct clm_row *r,
    const struct clm_row *claim)
{
	char v[32];

	seg(e, "SVD");
	el(e, claim, CLM_COL_OTH_PAYER_ID);
	clm_money_format(clm_money_cents(get(e, r, CLM_COL_LINE_OTH_PAID)), v,
	    sizeof(v));
	k(e, v);
	render_procedure(e, r);
	clm_x12_skip(&e->w, 1);
	el(e, r, CLM_COL_LINE_OTH_UNITS);
	end(e);
	render_cas(e, r, CLM_COL_LINE_OTH_ADJ);
	render_date(e, r, "573", CLM_COL_LINE_OTH_DATE);
}

static void
render_line(struct clm_837p_out *e, const struct clm_row *r,
    const struct clm_row *claim, unsigned long lx)
{
	char v[32];

	e->cur_line = strtol(get(e, r, CLM_COL_LINE_NO), NULL, 10);
	seg(e, "LX");
	k(e, num(lx, v));
	end(e);
	render_sv1(e, r);
	render_dos(e, r);
	render_ref(e, r, "6R", CLM_COL_LINE_CTRL);
	if (get(e, r, CLM_COL_NDC)[0] != '\0') {
		seg(e, "LIN");
		clm_x12_skip(&e->w, 1);
		k(e, "N4");
		el(e, r, CLM_COL_NDC);
		end(e);
		seg(e, "CTP");
		clm_x12_skip(&e->w, 3);
		el(e, r, CLM_COL_NDC_QTY);
		clm_x12_comp_begin(&e->w);
		comp(e, r, CLM_COL_NDC_UNIT);
		end(e);
	}
	if (clm_837p_line_needs_rendering(e, r))
		render_person(e, r, "82", CLM_COL_LINE_REND_LAST, 0, "XX",
		    CLM_COL_LINE_REND_NPI);
	if (clm_837p_line_has_cob(e, r))
		render_2430(e, r, claim);
	e->cur_line = 0;
}

unsigned long
clm_837p_render_claim(struct clm_837p_out *e, const struct clm_claim *c,
    struct clm_837p_hl *hl)
{
	const struct clm_row *r = c->rows[0];
	const struct clm_row *prev = e->prev;

	clm_x12_reset(&e->w);
	hl->seg_mark = 0;
	e->npend = 0;
	e->cur_line = 0;
	for (size_t from = 0; from < c->n; from += CLM_837P_MAX_LINES) {
		size_t to = from + CLM_837P_MAX_LINES < c->n ?
		    from + CLM_837P_MAX_LINES : c->n;

		if (hl->st_open && hl->st_claims >= e->partner.claims_per_st)
			clm_837p_render_se(e, hl);
		if (!hl->st_open)
			render_st(e, r, hl);
		if (from > 0 && !hl->have_prev)	/* split over two sets */
			hl->claim_first = 0;
		render_hls(e, r, hl->have_prev ? prev : NULL, hl);
		/* from its CLM: the HL loops before it may be shared */
		sync_segs(e, hl);
		if (from == 0)
			hl->claim_first = hl->st_segs + 1;
		render_claim_head(e, c, from, to);
		render_2310(e, r);
		render_cob(e, c);
		for (size_t i = from; i < to; i++)
			render_line(e, c->rows[i], r, i - from + 1);
		hl->st_claims++;
		hl->hl_claims++;
		hl->have_prev = 1;
		prev = r;
	}
	sync_segs(e, hl);
	hl->claim_last = hl->claim_first ? hl->st_segs : 0;
	return e->w.bad + (unsigned long)e->w.overflow;
}
