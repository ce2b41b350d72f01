/*
 * clm_norm - value normalizers: bring one value into the form the record
 * format promises after clm-normalize (docs/record-format.md), repairing
 * form only, never substance.
 *
 * Every normalizer is a pure function of the value and a context (today's
 * date, case policy).  It returns UNCHANGED (the value already has its
 * form), REPAIRED (a new value with the same meaning) or ERROR (the value
 * cannot be brought to form without guessing; it stays as it was).  The
 * value to use afterwards is always in the caller's buffer, NUL-terminated;
 * out->edit names the finding (an info repair or an error) and out->reason
 * says what was done in words that quote nothing from the value.
 *
 * The caller's buffer must hold at least len + CLM_NORM_SLACK bytes: no
 * normalizer grows a value by more than that.  With a smaller buffer a
 * normalizer returns UNCHANGED and writes nothing.
 */
#ifndef CLM_NORM_H
#define CLM_NORM_H

#include <stddef.h>

#include "clm_finding.h"

#define CLM_NORM_SLACK 16

enum clm_norm_result {
	CLM_NORM_UNCHANGED,
	CLM_NORM_REPAIRED,
	CLM_NORM_ERROR
};

/* What a column holds, and so which normalizer applies. */
enum clm_norm_kind {
	CLM_NORM_NONE,		/* untouched (pipeline columns) */
	CLM_NORM_ASIS,		/* as given: trimmed, delimiters checked */
	CLM_NORM_ID,		/* as given without spaces (member ids) */
	CLM_NORM_NAME,		/* upper case, X12 basic set */
	CLM_NORM_NOTE,		/* X12 set, case kept */
	CLM_NORM_DATE_BIRTH,	/* two-digit year: never in the future */
	CLM_NORM_DATE_PAST,	/* two-digit year: never in the future */
	CLM_NORM_DATE_SERVICE,	/* two-digit year: at most a year ahead */
	CLM_NORM_DX,		/* ICD-10-CM: upper case, no dot */
	CLM_NORM_PROC,		/* CPT/HCPCS: upper case (split: proc_mods) */
	CLM_NORM_MOD,		/* a modifier: upper case */
	CLM_NORM_NDC,		/* 11 digits */
	CLM_NORM_NPI,		/* 10 digits */
	CLM_NORM_TIN,		/* 9 digits */
	CLM_NORM_ZIP,		/* 5 or 9 digits */
	CLM_NORM_PHONE,		/* 10 digits */
	CLM_NORM_MONEY,		/* decimal, 2 places, not negative */
	CLM_NORM_QTY,		/* decimal, no trailing zeros */
	CLM_NORM_POS,		/* 2 digits */
	CLM_NORM_DXPTR,		/* 1-12 joined by ':' */
	CLM_NORM_CODE,		/* a code: upper case, no spaces */
	CLM_NORM_SEX,		/* F M U */
	CLM_NORM_REL,		/* individual relationship code */
	CLM_NORM_STATE,		/* USPS code */
	CLM_NORM_FREQ,		/* 1 7 8 */
	CLM_NORM_YN,		/* Y N */
	CLM_NORM_YNW,		/* Y N W (benefits assignment) */
	CLM_NORM_YI,		/* Y I (release of information) */
	CLM_NORM_ASSIGN,	/* A B C (accepts assignment) */
	CLM_NORM_PAYER_SEQ,	/* P S T */
	CLM_NORM_UNIT_TYPE,	/* UN MJ */
	CLM_NORM_NDC_UNIT,	/* F2 GR ME ML UN */
	CLM_NORM_TIN_TYPE,	/* EI SY */
	CLM_NORM_ENTITY,	/* 1 2 */
	CLM_NORM_ACCIDENT,	/* AA EM OA */
	CLM_NORM_FILING,	/* claim filing indicator: MB CI BL MC HM ... */
	CLM_NORM_KIND_COUNT
};

struct clm_norm_ctx {
	long today;		/* CCYYMMDD, for the two-digit year rules */
	int keep_case;		/* names keep their letter case */
};

struct clm_norm_out {
	char *buf;		/* caller's buffer */
	size_t size;
	size_t len;		/* length of the value in buf */
	enum clm_edit edit;	/* the finding, unless UNCHANGED */
	const char *reason;	/* short, PHI-free */
};

/* Normalize one value of a column of kind k (dispatches to the below). */
enum clm_norm_result clm_norm_value(enum clm_norm_kind k, const char *in,
    size_t len, const struct clm_norm_ctx *ctx, struct clm_norm_out *out);

/* Non-zero when kind k holds patient data, so messages must not quote it. */
int clm_norm_kind_is_phi(enum clm_norm_kind k);

/* Dates (k is one of the CLM_NORM_DATE_* kinds). */
enum clm_norm_result clm_norm_date(const char *in, size_t len,
    enum clm_norm_kind k, long today, struct clm_norm_out *out);
/*
 * A service date that may hold a range ("10/20/2026-10/22/2026"): from
 * gets the first date; *to_out the second (a pointer into out->buf after
 * the first value's NUL), or NULL when the value is one date.
 */
enum clm_norm_result clm_norm_date_range(const char *in, size_t len,
    long today, struct clm_norm_out *out, const char **to_out);
/* Non-zero when ccyymmdd is a real calendar date in years 1800-2199. */
int clm_norm_date_valid(long ccyymmdd);

/* Money: "$1,250" -> "1250.00". */
enum clm_norm_result clm_norm_money(const char *in, size_t len,
    struct clm_norm_out *out);
/* Quantities: "2.50" -> "2.5". */
enum clm_norm_result clm_norm_qty(const char *in, size_t len,
    struct clm_norm_out *out);
/* Digits-only identifiers: k is NPI, TIN, ZIP or PHONE. */
enum clm_norm_result clm_norm_digits(const char *in, size_t len,
    enum clm_norm_kind k, struct clm_norm_out *out);
/* Text: trimmed, inner whitespace collapsed, transliterated to the X12
 * basic set, upper-cased when upper is non-zero. */
enum clm_norm_result clm_norm_text(const char *in, size_t len, int upper,
    struct clm_norm_out *out);
enum clm_norm_result clm_norm_dx(const char *in, size_t len,
    struct clm_norm_out *out);
enum clm_norm_result clm_norm_ndc(const char *in, size_t len,
    struct clm_norm_out *out);

/*
 * A procedure code and its four modifiers, normalized together: a modifier
 * glued to the code ("97110-GP") moves into the modifier list (ahead of the
 * modifier columns), modifiers are upper-cased, de-duplicated in order and
 * packed from mod1.  On return proc and mod[i] point at the new values (in
 * pm's own storage, valid until the next call with pm).
 */
#define CLM_NORM_PROC_MAX 64
struct clm_norm_procmod {
	const char *proc;
	const char *mod[4];
	char proc_buf[CLM_NORM_PROC_MAX];
	char mod_buf[4][CLM_NORM_PROC_MAX];
	enum clm_edit edit;
	const char *reason;
	int field;		/* 0: the finding is on proc, 1-4: on modN */
};
enum clm_norm_result clm_norm_proc_mods(struct clm_norm_procmod *pm);

#endif
