/* clm-code-check: every code on a claim against the code set in force on
 * its date of service. */
#include <stdlib.h>
#include <string.h>

#include "clm_codecheck.h"
#include "clm_codes.h"
#include "clm_date.h"
#include "clm_tool.h"
#include "source.h"

struct cc_ctx {
	const char *codesets;		/* --codesets, NULL = default */
	struct clm_cc_options opt;
	struct cc_source_opts src;
	struct clm_codeset *cs;
	struct clm_cc *cc;
	struct clm_stage stage;
};

enum { OPT_CODESETS = 2000, OPT_SEX, OPT_AGE, OPT_STRICT };

static const struct option longopts[] = {
	{ "codesets", required_argument, NULL, OPT_CODESETS },
	{ "sex-edit", required_argument, NULL, OPT_SEX },
	{ "age-edit", required_argument, NULL, OPT_AGE },
	{ "strict", no_argument, NULL, OPT_STRICT },
	{ "map", required_argument, NULL, 'm' },
	{ NULL, 0, NULL, 0 },
};

static int
on_off(struct clm_tool *t, const char *opt, const char *arg, int *out)
{
	if (strcmp(arg, "on") == 0)
		*out = 1;
	else if (strcmp(arg, "off") == 0)
		*out = 0;
	else {
		clm_tool_warn(t, "--%s takes on or off, not '%s'", opt, arg);
		return -1;
	}
	return 0;
}

static int
cc_option(struct clm_tool *t, int opt, const char *arg)
{
	struct cc_ctx *x = t->ctx;

	switch (opt) {
	case OPT_CODESETS:
		x->codesets = arg;
		return 0;
	case OPT_SEX:
		return on_off(t, "sex-edit", arg, &x->opt.sex_edit);
	case OPT_AGE:
		return on_off(t, "age-edit", arg, &x->opt.age_edit);
	case OPT_STRICT:
		t->strict = 1;
		return 0;
	case 'm':
		x->src.map = arg;
		return 0;
	default:
		return -1;
	}
}

/* Open the index once, before the first input (and any clm-parse child),
 * and the stage over it. */
static int
open_index(struct clm_tool *t)
{
	struct cc_ctx *x = t->ctx;
	struct clm_error err;

	clm_error_clear(&err);
	x->cs = clm_codeset_open_default(x->codesets, &err);
	if (x->cs == NULL) {
		clm_tool_error(t, &err);
		clm_tool_warn(t, "no code-set index: name one with --codesets "
		    "FILE or $CLM_CODESETS (build one with clm-codeset build)");
		return -1;
	}
	x->opt.cs = x->cs;
	x->opt.today = clm_date_today();
	if (x->opt.today == 0) {
		clm_tool_warn(t, "CLM_TODAY is not a date CCYYMMDD");
		return -1;
	}
	x->cc = clm_cc_new(&x->opt);
	x->stage = clm_cc_stage(x->cc);
	t->stages = &x->stage;
	t->nstages = 1;
	return 0;
}

static int
cc_open(struct clm_tool *t, const char *path, struct clm_source **s,
    struct clm_error *err)
{
	struct cc_ctx *x = t->ctx;

	return cc_open_source(t, &x->src, path, s, err);
}

int
clm_code_check_tool(int argc, char **argv, clm_tool_run_fn run)
{
	static const struct clm_tool_spec spec = {
		.name = "clm-code-check",
		.purpose = "Check every code on each claim against the code "
		    "set in force on its date of service.",
		.usage = "      --codesets FILE  code-set index (default: "
		    "$CLM_CODESETS, then the installed one)\n"
		    "      --sex-edit on|off  DX-SEX, sex-specific diagnoses "
		    "(default on)\n"
		    "      --age-edit on|off  DX-AGE, age-specific diagnoses "
		    "(default on)\n"
		    "      --strict         warnings hold claims back too\n"
		    "  -m, --map FILE       header map for clm-parse (input "
		    "that is not clm records)\n",
		.shortopts = "m:",
		.longopts = longopts,
		.option = cc_option,
		.prepare = open_index,
		.open_source = cc_open,
	};
	struct cc_ctx x;
	int rc;

	memset(&x, 0, sizeof(x));
	x.opt.sex_edit = 1;
	x.opt.age_edit = 1;
	rc = run(&spec, &x, argc, argv);
	clm_cc_free(x.cc);
	clm_codeset_close(x.cs);
	return rc;
}
