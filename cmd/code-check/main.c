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
	struct clm_stage stages[2];
	const struct clm_header *h;	/* for the stale stage */
	struct cc_stale {
		enum clm_code_system sys;
		struct clm_release rel;	/* the stale release (first seen) */
		long due, last;		/* successor due; latest such date */
		unsigned long claims;
	} stale[2];
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

static int stale_start(void *ctx, struct clm_header *h,
    struct clm_error *err);
static int stale_claim(void *ctx, const struct clm_next *next,
    struct clm_item *it, struct clm_error *err);

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
	x->stages[0] = clm_cc_stage(x->cc);
	x->stages[1] = (struct clm_stage){ "stale", x, stale_start,
	    stale_claim, NULL };
	t->stages = x->stages;
	t->nstages = 2;
	return 0;
}

static int
cc_open(struct clm_tool *t, const char *path, struct clm_source **s,
    struct clm_error *err)
{
	struct cc_ctx *x = t->ctx;

	return cc_open_source(t, &x->src, path, s, err);
}

/* Service dates a newer release than the index's should cover. */
static void
note_stale(struct cc_ctx *x, const struct clm_claim *c,
    const struct clm_header *h)
{
	for (int i = 0; i < 2; i++) {
		struct cc_stale *s = &x->stale[i];
		int hit = 0;

		s->sys = i == 0 ? CLM_SYS_ICD10CM : CLM_SYS_HCPCS;
		for (size_t r = 0; r < c->n; r++) {
			long d = strtol(clm_row_get(c->rows[r], h,
			    CLM_COL_DOS_FROM), NULL, 10), due;
			struct clm_release rel;

			if (!clm_date_valid(d) || !clm_codeset_stale(x->cs,
			    CLM_REL_CODES, s->sys, d, &rel, &due))
				continue;
			if (s->claims == 0 && !hit) {
				s->rel = rel;
				s->due = due;
			}
			hit = 1;
			if (d > s->last)
				s->last = d;
		}
		s->claims += hit;
	}
}

static int
stale_start(void *ctx, struct clm_header *h, struct clm_error *err)
{
	(void)err;
	((struct cc_ctx *)ctx)->h = h;
	return 0;
}

/* A stage after the code checks: which claims a newer release covers. */
static int
stale_claim(void *ctx, const struct clm_next *next, struct clm_item *it,
    struct clm_error *err)
{
	struct cc_ctx *x = ctx;

	(void)next;
	(void)err;
	note_stale(x, &it->c, x->h);
	return CLM_STAGE_PASS;
}

/* The releases in force today, by name: what this run checked against. */
static void
print_index(struct clm_tool *t, const struct cc_ctx *x)
{
	static const enum clm_code_system sys[] = { CLM_SYS_ICD10CM,
	    CLM_SYS_HCPCS, CLM_SYS_MODIFIER, CLM_SYS_POS };
	char names[512];
	const char *path;
	size_t n = 0;

	names[0] = '\0';
	for (size_t i = 0; i < sizeof(sys) / sizeof(sys[0]); i++) {
		struct clm_release r;

		if (n < sizeof(names) && clm_codeset_release_on(x->cs,
		    CLM_REL_CODES, sys[i], x->opt.today, &r))
			n += (size_t)snprintf(names + n, sizeof(names) - n,
			    "%s%s", n > 0 ? ", " : "", r.name);
	}
	path = clm_codeset_path(x->cs);
	if (!t->verbose && strrchr(path, '/') != NULL)
		path = strrchr(path, '/') + 1;	/* -v: the whole path */
	clm_tool_warn(t, "code-set index %s (%s)", path,
	    names[0] ? names : "no code releases in force today");
	if (clm_codeset_is_starter(x->cs))
		clm_tool_warn(t, "the index is the starter set: hand-written "
		    "lists of common codes, not the official releases; a code "
		    "missing from it may be valid (build the official index "
		    "with scripts/fetch-codesets)");
	for (int i = 0; i < 2; i++) {
		const struct cc_stale *s = &x->stale[i];
		char due[16], last[16];

		if (s->claims == 0)
			continue;
		clm_codes_date_display(s->due, due, sizeof(due));
		clm_codes_date_display(s->last, last, sizeof(last));
		clm_tool_warn(t, "warning: the index is stale: %lu claims "
		    "were checked against %s, whose successor was due on %s "
		    "(service dates up to %s); update it with "
		    "scripts/fetch-codesets", s->claims, s->rel.name, due,
		    last);
	}
}

static int
cc_finish(struct clm_tool *t)
{
	struct cc_ctx *x = t->ctx;

	if (x->cs != NULL && !t->quiet)
		print_index(t, x);
	return 0;
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
		.finish = cc_finish,
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
