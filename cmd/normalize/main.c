/*
 * clm-normalize: repair the form of claim records, one stage
 * (lib/import/clm_normalize.h) between the record reader and writer.
 */
#include <stdlib.h>
#include <string.h>

#include "clm_date.h"
#include "clm_normalize.h"
#include "clm_tool.h"

enum { OPT_KEEP_CASE = 2000 };

static int
norm_option(struct clm_tool *t, int opt, const char *arg)
{
	(void)arg;
	if (opt != OPT_KEEP_CASE)
		return -1;
	clm_normalize_keep_case(t->ctx, 1);
	return 0;
}

static const struct option longopts[] = {
	{ "keep-case", no_argument, NULL, OPT_KEEP_CASE },
	{ NULL, 0, NULL, 0 },
};

int
clm_normalize_tool(int argc, char **argv, clm_tool_run_fn run)
{
	struct clm_normalize *nm;
	struct clm_stage stages[1];
	struct clm_tool_spec spec = {
		.name = "clm-normalize",
		.purpose = "Repair the form of claim records (dates, codes, "
		    "digits, money, names); report every repair.",
		.usage = "      --keep-case    names and addresses keep their "
		    "letter case\n",
		.longopts = longopts,
		.option = norm_option,
		.stages = stages,
		.nstages = 1,
	};
	long today = clm_date_today();
	int rc;

	if (today == 0) {
		fputs("clm-normalize: CLM_TODAY is not a date CCYYMMDD\n",
		    stderr);
		return CLM_EXIT_FAILURE;
	}
	nm = clm_normalize_new(today, 0);
	stages[0] = clm_normalize_stage(nm);
	rc = run(&spec, nm, argc, argv);
	clm_normalize_free(nm);
	return rc;
}
