/*
 * Inputs of clm-code-check: clm records as they are, anything else (a
 * claim export, X12) through clm-parse, run as a child process whose
 * output is read through a pipe.
 */
#ifndef CODECHECK_SOURCE_H
#define CODECHECK_SOURCE_H

#include "clm_tool.h"

struct cc_source_opts {
	const char *map;	/* --map, passed on to clm-parse */
};

int cc_open_source(struct clm_tool *t, const struct cc_source_opts *o,
    const char *path, struct clm_tool_source *s, struct clm_error *err);

#endif
