/*
 * clm_codeset - the compiled code-set index: every code with the dates it
 * is valid, mapped read-only (mmap) so start-up costs no parsing.
 *
 * THIS HEADER IS A CONTRACT between the index (lib/clm_codeset*.c, owned by
 * the code-set work) and its users (clm-code-check, clm-scrub).  The lookup
 * signatures below may gain functions but must not change.
 *
 * Dates are CCYYMMDD as long (20261020).  Lookups never allocate; strings
 * they return point into the mapped index and live until clm_codeset_close.
 */
#ifndef CLM_CODESET_H
#define CLM_CODESET_H

#include <stddef.h>

#include "clm_error.h"

struct clm_codeset;

/* Open an index file: magic, version and checksum are verified. */
struct clm_codeset *clm_codeset_open(const char *path, struct clm_error *err);
void clm_codeset_close(struct clm_codeset *cs);
/*
 * Find and open the index a tool should use: explicit (--codesets) if not
 * NULL, else $CLM_CODESETS, else the installed default
 * PREFIX/share/clm/codesets.clmidx, else <exe dir>/../share/clm/codesets.clmidx
 * (the index `make` builds from the project's own codesets/).
 */
struct clm_codeset *clm_codeset_open_default(const char *explicit_path,
    struct clm_error *err);

enum clm_code_system {
	CLM_SYS_ICD10CM,
	CLM_SYS_HCPCS,		/* HCPCS Level II codes */
	CLM_SYS_CPT,		/* only when a licensed CPT list was built in */
	CLM_SYS_MODIFIER,	/* HCPCS Level II and CPT modifiers */
	CLM_SYS_POS,
	CLM_SYS_TAXONOMY
};

enum clm_code_state {
	CLM_CODE_UNKNOWN = 0,	/* in no release of this system */
	CLM_CODE_VALID,		/* valid (billable) on the date */
	CLM_CODE_HEADER,	/* a category/subcategory header on the date */
	CLM_CODE_NOT_EFFECTIVE	/* exists, but not in force on the date */
};

struct clm_code_info {
	enum clm_code_state state;
	long valid_from;	/* first date of the span that decided state */
	long valid_to;		/* last date, 0 = open */
	const char *desc;	/* description, "" when none */
	const char *release;	/* "ICD-10-CM FY2027", "HCPCS 2025 Q1", ... */
};

/* Look a code up as of a date of service.  Returns state (also in out). */
enum clm_code_state clm_codeset_lookup(const struct clm_codeset *cs,
    enum clm_code_system sys, const char *code, long date,
    struct clm_code_info *out);
/* Non-zero when the index holds any release of that system. */
int clm_codeset_has(const struct clm_codeset *cs, enum clm_code_system sys);

/* NCCI practitioner procedure-to-procedure edits. */
struct clm_ptp {
	long eff;		/* effective date */
	long del;		/* deletion date, 0 = none */
	int modifier_ind;	/* 0 never allowed, 1 allowed with modifier,
				   9 not an edit */
};
/*
 * The PTP row for column-1 code col1 and column-2 code col2 in force on
 * date (eff <= date and (del == 0 or date <= del)).  Returns 1 and fills
 * out, or 0 when no row applies.
 */
int clm_codeset_ptp(const struct clm_codeset *cs, const char *col1,
    const char *col2, long date, struct clm_ptp *out);

/* Medically unlikely edits (practitioner services). */
struct clm_mue {
	long value;		/* units allowed */
	int mai;		/* adjudication indicator 1, 2 or 3 */
	long eff;
	long del;		/* 0 = none */
};
/* The MUE in force for code on date: 1 and out filled, or 0. */
int clm_codeset_mue(const struct clm_codeset *cs, const char *code,
    long date, struct clm_mue *out);

#endif
