/*
 * Inputs of clm-code-check: clm records as they are, X12 837P through the
 * library's X12 source (lib/x12/clm_x12src.h), a claim export through
 * clm-parse, run as a child process whose output is read through a pipe
 * (until the CSV export reader moves into lib/import).
 */
#ifndef CODECHECK_SOURCE_H
#define CODECHECK_SOURCE_H

#include "clm_tool.h"

struct cc_source_opts {
	const char *map;	/* --map, passed on to clm-parse */
};

int cc_open_source(struct clm_tool *t, const struct cc_source_opts *o,
    const char *path, struct clm_source **s, struct clm_error *err);

#endif
