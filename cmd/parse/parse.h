/* clm-parse: the input readers behind the tool (CSV in main.c, X12 here). */
#ifndef PARSE_H
#define PARSE_H

#include "clm_io.h"
#include "clm_tool.h"

/*
 * Read an X12 837P from in (taking ownership; its first bytes may have been
 * peeked) and fill the source: rows in canonical column order plus status
 * and edits.  Returns 0 or a negative CLM_E* code with err set (in is then
 * closed).
 */
int parse_open_x12(struct clm_tool *t, struct clm_in *in,
    struct clm_tool_source *s, struct clm_error *err);
/*
 * For the tool's claim callback: when c came from the X12 reader, add its
 * structural findings (segment number and loop in each message) to f and
 * return 1 (its values are already in record form: no CSV cell
 * transforms); otherwise return 0 and do nothing.
 */
int parse_x12_findings(struct clm_tool *t, const struct clm_claim *c,
    struct clm_findings *f);

#endif
