/*
 * clm_codeset - the compiled code-set index: every code with the dates it
 * is valid, mapped read-only (mmap) so start-up costs no parsing.
 *
 * THIS HEADER IS A CONTRACT between the index (lib/codeset/clm_codeset*.c, owned by
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
 * NULL, else $CLM_CODESETS, else <exe dir>/../share/clm/codesets.clmidx
 * (the index `make` builds from the project's own codesets/, and where
 * `make install` puts it beside PREFIX/bin), else the compiled-in default
 * PREFIX/share/clm/codesets.clmidx.
 */
struct clm_codeset *clm_codeset_open_default(const char *explicit_path,
    struct clm_error *err);

enum clm_code_system {
	CLM_SYS_ICD10CM,
	CLM_SYS_HCPCS,		/* HCPCS Level II codes */
	CLM_SYS_CPT,		/* only when a licensed CPT list was built in */
	CLM_SYS_MODIFIER,	/* HCPCS Level II and CPT modifiers */
	CLM_SYS_POS,
	CLM_SYS_TAXONOMY,
	/* answer codes (clm-response): descriptions are clm's own words */
	CLM_SYS_CARC,		/* claim adjustment reason codes */
	CLM_SYS_RARC,		/* remittance advice remark codes */
	CLM_SYS_CLAIM_CATEGORY,	/* 277 claim status category codes */
	CLM_SYS_CLAIM_STATUS	/* 277 claim status codes */
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

/* ---- Additions (code-set branch).  Everything below is also contract. ---- */

/*
 * Index integrity.  clm_codeset_open always checks magic, byte order,
 * format version, the file size recorded in the header, the CRC32 of the
 * header and section table, and the shape of every section (bounds,
 * alignment, entry counts, string pool NUL-terminated); every offset read
 * from the payload is bounds-checked at use, so a damaged payload yields
 * wrong answers at worst, never a crash.  The CRC32 of the payload (10-20
 * MB for the full sets: several ms) is NOT computed at open, to keep tool
 * start-up under 5 ms; clm_codeset_verify (`clm codeset info --verify`)
 * checks it.
 */
/* Open an index held in memory (tests, fuzzing).  buf is copied. */
struct clm_codeset *clm_codeset_open_mem(const void *buf, size_t len,
    const char *name, struct clm_error *err);
/* Check the payload CRC32: 0, or -CLM_EFORMAT with err filled. */
int clm_codeset_verify(const struct clm_codeset *cs, struct clm_error *err);
/* The path the index was opened from ("<memory>" for open_mem). */
const char *clm_codeset_path(const struct clm_codeset *cs);

/* "ICD-10-CM", "HCPCS", "CPT", "modifier", "POS", "taxonomy". */
const char *clm_code_system_name(enum clm_code_system sys);
/* A system by name as above (case-insensitive, also "icd10cm", "pos"),
 * or -1. */
int clm_code_system_parse(const char *name);

/*
 * Releases: what the index holds.  Besides the code systems there are
 * releases of the ICD-10-CM tabular notes, the MCE lists, PTP and MUE.
 */
enum clm_release_kind {
	CLM_REL_CODES = 0,	/* codes of rel.sys */
	CLM_REL_TABULAR,	/* ICD-10-CM tabular XML notes */
	CLM_REL_MCE,		/* Medicare Code Editor lists */
	CLM_REL_PTP,
	CLM_REL_MUE
};
struct clm_release {
	enum clm_release_kind kind;
	enum clm_code_system sys;	/* for CLM_REL_CODES */
	const char *name;		/* "ICD-10-CM FY2027" */
	long from;			/* first date in force */
	long to;			/* last date, 0 = open */
	const char *source;		/* file name(s) it was built from */
	long count;			/* entries it contributed */
};
size_t clm_codeset_release_count(const struct clm_codeset *cs);
/* Release i (0-based, in build order): 1 and out filled, or 0. */
int clm_codeset_release(const struct clm_codeset *cs, size_t i,
    struct clm_release *out);
/* The release of that kind (and sys for CLM_REL_CODES) in force on date:
 * 1 and out filled, or 0 when none covers the date. */
int clm_codeset_release_on(const struct clm_codeset *cs,
    enum clm_release_kind kind, enum clm_code_system sys, long date,
    struct clm_release *out);
/*
 * Starter releases: the hand-written lists of codesets/ (a manifest NAME
 * containing "starter", e.g. "ICD-10-CM starter list", "NCCI PTP starter
 * (illustrative)").  A code missing from one may well be valid.
 */
int clm_release_is_starter(const struct clm_release *r);
/* Non-zero when any release of cs is a starter release. */
int clm_codeset_is_starter(const struct clm_codeset *cs);
/*
 * A stale index: the release of that kind in force on date is open-ended,
 * not a hand-written list (a *-list kind), not a starter, and its successor was due on or before date (ICD-10-CM
 * codes, tabular and MCE: yearly on 1 October after its start; HCPCS, PTP,
 * MUE: quarterly); or no release of that kind is in force on date and
 * the latest one ended before it.  1 with *out the release and *due the
 * successor's date (CCYYMMDD), else 0.
 */
int clm_codeset_stale(const struct clm_codeset *cs,
    enum clm_release_kind kind, enum clm_code_system sys, long date,
    struct clm_release *out, long *due);

/*
 * Code keys: the index stores codes upper-case without dots or blanks
 * ("M54.50" -> "M5450").  Lookups accept either form.  Returns the key
 * length, or -1 when code is empty, longer than CLM_CODE_MAX or holds
 * anything but letters, digits, one dot and surrounding blanks.
 */
#define CLM_CODE_MAX 11
int clm_code_key(const char *code, char *key, size_t size);
/* ICD-10-CM display form: "M5450" or "M54.50" -> "M54.50". */
void clm_icd_format(const char *code, char *buf, size_t size);
/* CPT by form (no licensed list): 5 digits, or 4 digits + F, T or U. */
int clm_cpt_form_ok(const char *code);

/*
 * Codes below a header valid (billable) on date, in code order, e.g.
 * M54.5 -> M5450, M5451, M5459.  Fills up to max pointers (keys, into the
 * index) and returns how many there are in all (may exceed max; codes
 * may be NULL when max is 0, to count).  A header key of one letter
 * counts a whole chapter letter.
 */
size_t clm_codeset_billable_below(const struct clm_codeset *cs,
    enum clm_code_system sys, const char *header, long date,
    const char **codes, size_t max);

/*
 * ICD-10-CM 7th characters, from the tabular <sevenChrDef> on the code or
 * its nearest ancestor (category S52 -> S52.501).  A code whose category
 * defines 7th characters is billable only as a 7-character code; when the
 * code without its 7th character is shorter than 6, the placeholder X
 * fills positions up to 6 (T36.0X1A).
 */
#define CLM_ICD_7TH_MAX 24
struct clm_icd_7th {
	const char *defined_at;		/* key of the defining code, "S52" */
	const char *chars;		/* valid 7th characters, "ABCDEFGHJKMNPQRS" */
	const char *release;		/* "ICD-10-CM tabular FY2023" */
};
/* 1 and out filled when the code takes a 7th character, else 0. */
int clm_codeset_icd_7th(const struct clm_codeset *cs, const char *code,
    long date, struct clm_icd_7th *out);
/* Meaning of 7th character c under out ("initial encounter for closed
 * fracture"), or NULL when c is not valid there. */
const char *clm_codeset_icd_7th_desc(const struct clm_codeset *cs,
    const struct clm_icd_7th *info, char c);
enum clm_icd_7th_problem {
	CLM_ICD7_OK = 0,
	CLM_ICD7_MISSING,	/* fewer than 7 characters */
	CLM_ICD7_BADCHAR,	/* 7th character not defined for the category */
	CLM_ICD7_PLACEHOLDER	/* X inside the defining code (misplaced) */
};
/*
 * The form of code (any spelling) against info; no index needed.  Only
 * the shape is checked (length, 7th character, no X inside the defining
 * code): whether the 7-character code exists is clm_codeset_lookup's job.
 */
enum clm_icd_7th_problem clm_icd_7th_check(const struct clm_icd_7th *info,
    const char *code);
/*
 * The 7-character code for stem (without its 7th character, 3 to 6
 * characters) padded with the placeholder X to 6: ("S30.0", 'A') ->
 * "S300XXA".  Returns the length (7) or -1.  Look the result up before
 * suggesting it.
 */
int clm_icd_7th_pad(const char *stem, char seventh, char *buf, size_t size);

/*
 * Excludes1: two codes that must not be reported together.  A note at
 * code A (or an ancestor) names a code or a range ("M54.1-", "A00-B99");
 * the pair (a, b) matches when b falls in it, checked in both directions.
 */
struct clm_excludes1 {
	const char *at;		/* key of the code carrying the note */
	const char *lo;		/* excluded range, keys; hi may be a prefix */
	const char *hi;
	const char *note;	/* the note text, for messages */
	const char *release;
	int reversed;		/* 1 when the note is at b's side */
};
int clm_codeset_excludes1(const struct clm_codeset *cs, const char *a,
    const char *b, long date, struct clm_excludes1 *out);

/*
 * Per-code ICD-10-CM attributes: tabular "code first" (a manifestation
 * code that must not be listed first), and the Medicare Code Editor lists
 * where given (sex, age group, manifestation-not-principal).
 */
enum clm_icd_flag {
	CLM_ICD_CODE_FIRST = 1 << 0,	/* tabular codeFirst note (inherited) */
	CLM_ICD_MCE_MANIFEST = 1 << 1,	/* MCE: manifestation, not principal */
	CLM_ICD_SEX_FEMALE = 1 << 2,	/* MCE: female-only diagnosis */
	CLM_ICD_SEX_MALE = 1 << 3,	/* MCE: male-only diagnosis */
	CLM_ICD_AGE_NEWBORN = 1 << 4,	/* MCE: age 0 */
	CLM_ICD_AGE_PEDIATRIC = 1 << 5,	/* MCE: age 0-17 */
	CLM_ICD_AGE_MATERNITY = 1 << 6,	/* MCE: age 12-55 */
	CLM_ICD_AGE_ADULT = 1 << 7	/* MCE: age 15-124 */
};
struct clm_icd_attr {
	unsigned flags;			/* enum clm_icd_flag bits */
	const char *code_first_note;	/* "" when none */
	const char *tabular_release;	/* release that gave the notes, "" */
	const char *mce_release;	/* release that gave MCE flags, "" */
};
/* Returns flags (0 = none known); out may be NULL. */
unsigned clm_codeset_icd_attr(const struct clm_codeset *cs,
    const char *code, long date, struct clm_icd_attr *out);
/* 1 when age (whole years) fits every age group in flags, else 0. */
int clm_icd_age_ok(unsigned flags, int age);

/*
 * HCPCS Level II action code of the record that decided a lookup on date
 * ('A' added, 'C' changed, 'D' discontinued, 'N' no change, ... as in the
 * CMS record layout), 0 when none; *action_date gets its effective date.
 */
int clm_codeset_hcpcs_action(const struct clm_codeset *cs, const char *code,
    long date, long *action_date);

#endif
