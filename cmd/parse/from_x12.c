/*
 * clm-parse: the X12 837P reader.  This build has none; the reader that
 * replaces this file keeps the entry point declared in parse.h.
 */
#include "parse.h"

int
parse_open_x12(struct clm_tool *t, struct clm_in *in,
    struct clm_tool_source *s, struct clm_error *err)
{
	(void)t;
	(void)s;
	clm_error_set(err, CLM_EFORMAT, clm_in_name(in), 1,
	    "X12 input is not supported by this build");
	clm_in_close(in);
	return -CLM_EFORMAT;
}
