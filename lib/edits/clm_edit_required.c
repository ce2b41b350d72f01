#include <stdlib.h>
#include <string.h>

#include "clm_edit_dates.h"
#include "clm_edit_required.h"

#define R(c, l, e, w) { CLM_COL_##c, l, e, CLM_REQ_##w }

const struct clm_required clm_required_837p[] = {
	R(CLAIM_ID, "2300", "CLM01", ALWAYS),
	R(POS, "2300", "CLM05-1", ALWAYS),
	R(PROV_SIGNATURE, "2300", "CLM06", ALWAYS),
	R(ACCEPT_ASSIGN, "2300", "CLM07", ALWAYS),
	R(BENEFITS_ASSIGN, "2300", "CLM08", ALWAYS),
	R(RELEASE_INFO, "2300", "CLM09", ALWAYS),
	R(BILL_NPI, "2010AA", "NM109", ALWAYS),
	R(BILL_NAME, "2010AA", "NM103", ALWAYS),
	R(BILL_TIN, "2010AA", "REF02", ALWAYS),
	R(BILL_ADDR1, "2010AA", "N301", ALWAYS),
	R(BILL_CITY, "2010AA", "N401", ALWAYS),
	R(BILL_STATE, "2010AA", "N402", ALWAYS),
	R(BILL_ZIP, "2010AA", "N403", ALWAYS),
	R(PAYER_ID, "2010BB", "NM109", ALWAYS),
	R(PAYER_NAME, "2010BB", "NM103", ALWAYS),
	R(PAYER_SEQ, "2000B", "SBR01", ALWAYS),
	R(FILING_IND, "2000B", "SBR09", ALWAYS),
	R(SUB_ID, "2010BA", "NM109", ALWAYS),
	R(SUB_LAST, "2010BA", "NM103", ALWAYS),
	R(DX1, "2300", "HI01-2", ALWAYS),
	R(SUB_DOB, "2010BA", "DMG02", SELF),
	R(SUB_SEX, "2010BA", "DMG03", SELF),
	R(SUB_ADDR1, "2010BA", "N301", SELF),
	R(SUB_CITY, "2010BA", "N401", SELF),
	R(SUB_STATE, "2010BA", "N402", SELF),
	R(SUB_ZIP, "2010BA", "N403", SELF),
	R(PAT_LAST, "2010CA", "NM103", DEPENDENT),
	R(PAT_DOB, "2010CA", "DMG02", DEPENDENT),
	R(PAT_SEX, "2010CA", "DMG03", DEPENDENT),
	R(PAT_ADDR1, "2010CA", "N301", DEPENDENT),
	R(PAT_CITY, "2010CA", "N401", DEPENDENT),
	R(PAT_STATE, "2010CA", "N402", DEPENDENT),
	R(PAT_ZIP, "2010CA", "N403", DEPENDENT),
	R(PAYTO_ADDR1, "2010AB", "N301", PAYTO),
	R(PAYTO_CITY, "2010AB", "N401", PAYTO),
	R(PAYTO_STATE, "2010AB", "N402", PAYTO),
	R(PAYTO_ZIP, "2010AB", "N403", PAYTO),
	R(FAC_NAME, "2310C", "NM103", FACILITY),
	R(FAC_ADDR1, "2310C", "N301", FACILITY),
	R(FAC_CITY, "2310C", "N401", FACILITY),
	R(FAC_STATE, "2310C", "N402", FACILITY),
	R(FAC_ZIP, "2310C", "N403", FACILITY),
	R(REF_NPI, "2310A", "NM109", REFERRING),
	R(REF_LAST, "2310A", "NM103", REFERRING),
	R(REND_LAST, "2310B", "NM103", RENDERING),
	R(OTH_PAYER_SEQ, "2320", "SBR01", COB),
	R(OTH_PAYER_ID, "2330B", "NM109", COB),
	R(OTH_PAYER_NAME, "2330B", "NM103", COB),
	R(OTH_SUB_REL, "2320", "SBR02", COB),
	R(OTH_SUB_ID, "2330A", "NM109", COB),
	R(OTH_SUB_LAST, "2330A", "NM103", COB),
	R(ORIG_REF, "2300", "REF02 (F8)", REPLACEMENT),
	R(ACCIDENT_STATE, "2300", "CLM11-4", AUTO_ACCIDENT),
	R(ACCIDENT_DATE, "2300", "DTP03 (439)", ACCIDENT),
	R(INS_TYPE, "2000B", "SBR05", MSP),
	R(OTH_INS_TYPE, "2320", "SBR05", OTH_MSP),
	R(BILL_PHONE, "1000A", "PER04", NO_CONTACT),
	R(DOS_FROM, "2400", "DTP03 (472)", LINE),
	R(PROC, "2400", "SV101-2", LINE),
	R(CHARGE, "2400", "SV102", LINE),
	R(UNITS, "2400", "SV104", LINE),
	R(NDC, "2410", "LIN03", LINE_DRUG),
	R(NDC_QTY, "2410", "CTP04", LINE_DRUG),
	R(NDC_UNIT, "2410", "CTP05-1", LINE_DRUG),
	R(LINE_OTH_PAID, "2430", "SVD02", LINE_COB),
	R(LINE_OTH_UNITS, "2430", "SVD05", LINE_COB),
	R(LINE_OTH_DATE, "2430", "DTP03 (573)", LINE_COB),
	R(OTH_PAYER_ID, "2330B", "NM109", LINE_COB_PAYER),
	R(LINE_REND_LAST, "2420A", "NM103", LINE_RENDERING),
};
const size_t clm_required_837p_n =
    sizeof(clm_required_837p) / sizeof(clm_required_837p[0]);

/* Why a situational column is required, for the message. */
static const char *const why[] = {
	[CLM_REQ_ALWAYS] = "",
	[CLM_REQ_SELF] = "the subscriber is the patient",
	[CLM_REQ_DEPENDENT] = "the patient is not the subscriber",
	[CLM_REQ_PAYTO] = "a pay-to address is given",
	[CLM_REQ_FACILITY] = "a service facility is given",
	[CLM_REQ_REFERRING] = "a referring provider is given",
	[CLM_REQ_RENDERING] = "the rendering provider is not the billing one",
	[CLM_REQ_COB] = "another payer is given",
	[CLM_REQ_REPLACEMENT] = "a replacement or void names the payer's "
	    "claim number",
	[CLM_REQ_AUTO_ACCIDENT] = "auto accident",
	[CLM_REQ_ACCIDENT] = "accident_cause is AA or OA",
	[CLM_REQ_MSP] = "Medicare Part B is not the primary payer",
	[CLM_REQ_OTH_MSP] = "the other payer is Medicare Part B, not primary",
	[CLM_REQ_NO_CONTACT] = "the partner file names no submitter phone or "
	    "email",
	[CLM_REQ_LINE] = "",
	[CLM_REQ_LINE_DRUG] = "a drug is given",
	[CLM_REQ_LINE_COB] = "the other payer's line adjudication is given",
	[CLM_REQ_LINE_COB_PAYER] = "the line's other payer adjudication "
	    "names it",
	[CLM_REQ_LINE_RENDERING] = "the line's rendering provider is not the "
	    "claim's",
};

static const char *
get(const struct clm_row *r, const struct clm_header *h, enum clm_column c)
{
	return clm_row_get(r, h, c);
}

static int
any_set(const struct clm_row *r, const struct clm_header *h,
    enum clm_column from, enum clm_column to)
{
	for (int c = (int)from; c <= (int)to; c++)
		if (get(r, h, (enum clm_column)c)[0] != '\0')
			return 1;
	return 0;
}

static int
is(const struct clm_row *r, const struct clm_header *h, enum clm_column c,
    const char *v)
{
	return strcmp(get(r, h, c), v) == 0;
}

static int
msp(const struct clm_row *r, const struct clm_header *h, enum clm_column seq,
    enum clm_column ind)
{
	const char *s = get(r, h, seq);

	return is(r, h, ind, "MB") && s[0] != '\0' && strcmp(s, "P") != 0;
}

/* Does the claim-level condition w hold for the claim (row r0)? */
static int
claim_when(enum clm_req_when w, const struct clm_row *r0,
    const struct clm_header *h, unsigned out)
{
	const char *rel = get(r0, h, CLM_COL_PAT_REL);
	int dependent = rel[0] != '\0' && strcmp(rel, "18") != 0;

	switch (w) {
	case CLM_REQ_ALWAYS:
		return 1;
	case CLM_REQ_SELF:
		return !dependent;
	case CLM_REQ_DEPENDENT:
		return dependent;
	case CLM_REQ_PAYTO:
		return any_set(r0, h, CLM_COL_PAYTO_ADDR1, CLM_COL_PAYTO_ZIP);
	case CLM_REQ_FACILITY:
		return any_set(r0, h, CLM_COL_FAC_NPI, CLM_COL_FAC_ZIP);
	case CLM_REQ_REFERRING:
		return any_set(r0, h, CLM_COL_REF_NPI, CLM_COL_REF_FIRST);
	case CLM_REQ_RENDERING:
		return get(r0, h, CLM_COL_REND_NPI)[0] != '\0' &&
		    !is(r0, h, CLM_COL_REND_NPI, get(r0, h, CLM_COL_BILL_NPI));
	case CLM_REQ_COB:
		return any_set(r0, h, CLM_COL_OTH_PAYER_SEQ,
		    CLM_COL_OTH_PAID_DATE);
	case CLM_REQ_REPLACEMENT:
		return is(r0, h, CLM_COL_CLAIM_FREQ, "7") ||
		    is(r0, h, CLM_COL_CLAIM_FREQ, "8");
	case CLM_REQ_AUTO_ACCIDENT:
		return is(r0, h, CLM_COL_ACCIDENT_CAUSE, "AA");
	case CLM_REQ_ACCIDENT:
		return is(r0, h, CLM_COL_ACCIDENT_CAUSE, "AA") ||
		    is(r0, h, CLM_COL_ACCIDENT_CAUSE, "OA");
	case CLM_REQ_MSP:
		return msp(r0, h, CLM_COL_PAYER_SEQ, CLM_COL_FILING_IND);
	case CLM_REQ_OTH_MSP:
		return msp(r0, h, CLM_COL_OTH_PAYER_SEQ,
		    CLM_COL_OTH_FILING_IND);
	case CLM_REQ_NO_CONTACT:
		return (out & CLM_REQ_OUT_NO_CONTACT) != 0;
	default:
		return 0;	/* line conditions */
	}
}

static int
line_when(enum clm_req_when w, const struct clm_row *r0,
    const struct clm_row *r, const struct clm_header *h)
{
	const char *claim;

	switch (w) {
	case CLM_REQ_LINE:
		return 1;
	case CLM_REQ_LINE_DRUG:
		return any_set(r, h, CLM_COL_NDC, CLM_COL_NDC_UNIT);
	case CLM_REQ_LINE_COB:
	case CLM_REQ_LINE_COB_PAYER:
		if (!any_set(r, h, CLM_COL_LINE_OTH_PAID, CLM_COL_LINE_OTH_DATE))
			return 0;
		return w == CLM_REQ_LINE_COB ||
		    get(r0, h, CLM_COL_OTH_PAYER_ID)[0] == '\0';
	case CLM_REQ_LINE_RENDERING:
		claim = get(r, h, CLM_COL_REND_NPI);
		if (claim[0] == '\0')
			claim = get(r, h, CLM_COL_BILL_NPI);
		return get(r, h, CLM_COL_LINE_REND_NPI)[0] != '\0' &&
		    !is(r, h, CLM_COL_LINE_REND_NPI, claim);
	default:
		return 0;
	}
}

static void
missing(struct clm_findings *f, long line, const struct clm_required *q)
{
	const char *name = clm_column_name(q->col);

	if (why[q->when][0] == '\0')
		clm_finding_add(f, CLM_EDIT_REQUIRED_MISSING, line, name,
		    "%s is empty; the 837P requires it (loop %s %s)", name,
		    q->loop, q->element);
	else
		clm_finding_add(f, CLM_EDIT_REQUIRED_MISSING, line, name,
		    "%s is empty; the 837P requires it (loop %s %s: %s)", name,
		    q->loop, q->element, why[q->when]);
}

/* Does claim-level condition w hold?  Each is judged once per claim
 * (known: judged, holds: the answers), and only for an empty column. */
static int
holds(enum clm_req_when w, const struct clm_row *r0,
    const struct clm_header *h, unsigned out, unsigned *known,
    unsigned *yes)
{
	if (!(*known & 1u << w)) {
		*known |= 1u << w;
		if (claim_when(w, r0, h, out))
			*yes |= 1u << w;
	}
	return (*yes & 1u << w) != 0;
}

void
clm_edit_required(const struct clm_claim *c, const struct clm_header *h,
    unsigned out, struct clm_findings *f)
{
	const struct clm_row *r0;
	unsigned known = 0, yes = 0;

	if (c->n == 0)
		return;
	r0 = c->rows[0];
	for (size_t i = 0; i < clm_required_837p_n; i++) {
		const struct clm_required *q = &clm_required_837p[i];

		if (q->when < CLM_REQ_LINE) {
			if (get(r0, h, q->col)[0] == '\0' &&
			    holds(q->when, r0, h, out, &known, &yes))
				missing(f, 0, q);
			continue;
		}
		if (q->when == CLM_REQ_LINE && h->canon[q->col] < 0) {
			missing(f, 0, q);	/* once, not on every line */
			continue;
		}
		if (q->when == CLM_REQ_LINE_COB_PAYER &&
		    holds(CLM_REQ_COB, r0, h, out, &known, &yes))
			continue;	/* the COB row named it */
		for (size_t r = 0; r < c->n; r++) {
			const struct clm_row *row = c->rows[r];

			if (get(row, h, q->col)[0] != '\0' ||
			    !line_when(q->when, r0, row, h))
				continue;
			if (q->when == CLM_REQ_LINE_COB_PAYER) {
				missing(f, 0, q);	/* a claim column */
				break;
			}
			missing(f, clm_edit_line_no(row, h), q);
		}
	}
}
