/*
 * clm_rules - payer rules: a small text language (docs/rules.md) in which
 * the people who know a payer write what it denies, parsed once and
 * evaluated on each claim.
 *
 *     rule therapy-gp
 *       severity error
 *       message  Medicare therapy code without GP, GO or GN
 *       claim has filing_ind in MB
 *       line has proc in 97110 97112 97140 97530
 *       line lacks mod in GP GO GN
 *     end
 *
 * Regexes are PCRE2 (8-bit), compiled once, JIT where available, and run
 * under a match limit and depth limit, so a hostile rule cannot hang a run:
 * a pattern that hits its limit makes an error finding (the claim is held,
 * never let through unchecked).  A bad rule file is an error naming file,
 * line and rule.  clm_rules owns everything it holds.
 */
#ifndef CLM_RULES_H
#define CLM_RULES_H

#include <stddef.h>

#include "clm_error.h"
#include "clm_finding.h"
#include "clm_record.h"

/* Ceilings: a rule file's size, rules in a set, items in one code list. */
#define CLM_RULES_MAX_FILE (1024 * 1024)
#define CLM_RULES_MAX_RULES 10000
#define CLM_RULES_MAX_LIST 20000
/* PCRE2 limits per match (see pcre2_set_match_limit/depth_limit). */
#define CLM_RULES_MATCH_LIMIT 100000
#define CLM_RULES_DEPTH_LIMIT 1000

struct clm_rules;

struct clm_rules *clm_rules_new(void);
void clm_rules_free(struct clm_rules *r);
/* Add the rules of a file, or of every *.rules file in a directory (in
 * name order).  Returns 0 or a negative CLM_E* with err set. */
int clm_rules_load(struct clm_rules *r, const char *path,
    struct clm_error *err);
/* Parse rule text; name is used in errors. */
int clm_rules_load_text(struct clm_rules *r, const char *text, size_t len,
    const char *name, struct clm_error *err);
size_t clm_rules_count(const struct clm_rules *r);
/* Resolve column names against the stream's header; call before check. */
void clm_rules_bind(struct clm_rules *r, const struct clm_header *h);
/* Evaluate every rule on a claim as of a date (CCYYMMDD); adds findings
 * RULE-<id> (or the rule's catalogue edit). */
void clm_rules_check(struct clm_rules *r, const struct clm_claim *c,
    const struct clm_header *h, long as_of, struct clm_findings *f);


#endif
