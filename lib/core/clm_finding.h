/*
 * clm_finding - the edit catalogue and the findings of one claim.
 *
 * Every edit id comes from lib/edits/ *.def (one table, mirrored in
 * docs/edits.md).  A finding names where (line_no of the service line or 0
 * for the claim, and the column) and says what in words a biller reads; the
 * message never quotes patient data, only codes.  clm_findings owns its
 * strings.
 */
#ifndef CLM_FINDING_H
#define CLM_FINDING_H

#include <stddef.h>

#include "clm_error.h"
#include "clm_record.h"

enum clm_severity { CLM_SEV_INFO, CLM_SEV_WARNING, CLM_SEV_ERROR };

enum clm_edit {
#define CLM_EDIT(e, id, sev, text) CLM_EDIT_##e,
#include "edits/all.def"
#undef CLM_EDIT
	CLM_EDIT_COUNT
};

struct clm_edit_info {
	const char *id;
	enum clm_severity severity;
	const char *text;
};

const struct clm_edit_info *clm_edit_info(enum clm_edit e);
/* The catalogue index of an id, or -1. */
int clm_edit_lookup(const char *id);
const char *clm_severity_name(enum clm_severity s);

/* Line numbers above this are shown as "?" (a shifted date or id). */
#define CLM_FINDING_LINE_SHOWN_MAX 99999L

struct clm_finding {
	char *edit;			/* edit id */
	enum clm_severity severity;
	long line;			/* service line number, 0 = claim */
	char *field;			/* column name, "" if none */
	char *msg;
};

struct clm_findings {
	struct clm_finding *v;
	size_t n;
	size_t cap;
};

void clm_findings_init(struct clm_findings *f);
void clm_findings_clear(struct clm_findings *f);
void clm_findings_free(struct clm_findings *f);
/* Add a catalogue finding (severity from the catalogue). */
void clm_finding_add(struct clm_findings *f, enum clm_edit e, long line,
    const char *field, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
/* Add a finding with an id outside the catalogue (payer rules: RULE-x). */
void clm_finding_add_custom(struct clm_findings *f, const char *edit,
    enum clm_severity sev, long line, const char *field, const char *fmt,
    ...) __attribute__((format(printf, 6, 7)));
/* Non-zero when f holds a finding with that id (and line, if >= 0). */
int clm_findings_has(const struct clm_findings *f, const char *edit,
    long line);
/* Count of findings at a severity. */
size_t clm_findings_count(const struct clm_findings *f,
    enum clm_severity s);

/* Claim status, the `status` column. */
enum clm_status { CLM_STATUS_CLEAN, CLM_STATUS_WARN, CLM_STATUS_REJECT };
const char *clm_status_name(enum clm_status s);
/* Parse a status value ("" = clean); -1 when unknown. */
int clm_status_parse(const char *s);
/* The status the findings give; strict counts warnings as errors. */
enum clm_status clm_findings_status(const struct clm_findings *f,
    int strict);
/*
 * Write status (worst of the incoming value and the findings) on every row,
 * and append the edit ids to `edits` (per row: the row's line findings and
 * the claim-level ones, no repeats, separated by ';').  The header must have
 * both columns.  Returns the claim's resulting status.
 */
enum clm_status clm_claim_apply(struct clm_claim *c,
    const struct clm_header *h, const struct clm_findings *f, int strict);

/*
 * CLAIM-CONFLICT: one finding per claim-level column whose value differs
 * between the rows of the claim (naming the first two input lines that
 * disagree).
 */
void clm_claim_check_conflicts(const struct clm_claim *c,
    const struct clm_header *h, struct clm_findings *f);

/* The findings report: CSV claim_id,line,severity,edit,field,message. */
struct clm_out;
int clm_report_write_header(struct clm_out *out, struct clm_error *err);
int clm_report_write(struct clm_out *out, const char *claim_id,
    const struct clm_findings *f, struct clm_error *err);

/* "FILE:LINE: severity: [ID] claim C line N field: message"; a claim-level
 * finding (line 0) reads "claim C field: message". */
void clm_finding_format(char *buf, size_t size, const char *file,
    long phys_line, const char *claim_id, const struct clm_finding *fd);

#endif
