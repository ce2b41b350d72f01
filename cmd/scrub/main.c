/* clm-scrub: the claim edits payers apply, before the payer applies them. */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "clm_codes.h"
#include "clm_date.h"
#include "clm_scrub.h"
#include "clm_tool.h"

#define SCRUB_MAX_RULE_PATHS 64

/* The tool: its options, and the scrub stage's context (lib/edits). */
struct scrub_tool {
	struct clm_scrub_ctx sc;
	const char *codesets_path;	/* --codesets */
	int no_ncci;			/* --no-ncci */
	const char *rule_paths[SCRUB_MAX_RULE_PATHS];
	int nrule_paths;
	int no_default_rules;
};

enum { OPT_AS_OF = 2000, OPT_CODESETS, OPT_NO_NCCI, OPT_RULES,
	OPT_NO_DEFAULT_RULES, OPT_HISTORY, OPT_WINDOW, OPT_LOOKBACK,
	OPT_STRICT, OPT_HISTORY_APPEND, OPT_HISTORY_REPAIR };

static const struct option longopts[] = {
	{ "as-of", required_argument, NULL, OPT_AS_OF },
	{ "codesets", required_argument, NULL, OPT_CODESETS },
	{ "no-ncci", no_argument, NULL, OPT_NO_NCCI },
	{ "rules", required_argument, NULL, OPT_RULES },
	{ "no-default-rules", no_argument, NULL, OPT_NO_DEFAULT_RULES },
	{ "history", required_argument, NULL, OPT_HISTORY },
	{ "history-append", required_argument, NULL, OPT_HISTORY_APPEND },
	{ "history-repair", required_argument, NULL, OPT_HISTORY_REPAIR },
	{ "window", required_argument, NULL, OPT_WINDOW },
	{ "lookback", required_argument, NULL, OPT_LOOKBACK },
	{ "strict", no_argument, NULL, OPT_STRICT },
	{ NULL, 0, NULL, 0 },
};

static int
parse_count(struct clm_tool *t, const char *opt, const char *arg,
    unsigned long max, unsigned long *out)
{
	char *end;
	unsigned long v = strtoul(arg, &end, 10);

	if (*arg == '\0' || *end != '\0' || v > max || arg[0] == '-') {
		clm_tool_warn(t, "%s needs a number from 0 to %lu, not '%s'",
		    opt, max, arg);
		return -1;
	}
	*out = v;
	return 0;
}

static int
scrub_option(struct clm_tool *t, int opt, const char *arg)
{
	struct scrub_tool *st = t->ctx;
	struct clm_scrub_ctx *sc = &st->sc;

	switch (opt) {
	case OPT_AS_OF:
		sc->as_of = clm_date_parse(arg);
		if (sc->as_of == 0) {
			clm_tool_warn(t, "--as-of needs a date CCYYMMDD, not "
			    "'%s'", arg);
			return -1;
		}
		return 0;
	case OPT_CODESETS:
		st->codesets_path = arg;
		return 0;
	case OPT_NO_NCCI:
		st->no_ncci = 1;
		return 0;
	case OPT_RULES:
		if (st->nrule_paths >= SCRUB_MAX_RULE_PATHS) {
			clm_tool_warn(t, "at most %d --rules", SCRUB_MAX_RULE_PATHS);
			return -1;
		}
		st->rule_paths[st->nrule_paths++] = arg;
		return 0;
	case OPT_NO_DEFAULT_RULES:
		st->no_default_rules = 1;
		return 0;
	case OPT_HISTORY:
		sc->history_path = arg;
		return 0;
	case OPT_HISTORY_APPEND:
		sc->history_append = arg;
		return 0;
	case OPT_HISTORY_REPAIR:
		clm_tool_warn(t, "--history-repair FILE takes no other "
		    "argument");
		return -1;
	case OPT_WINDOW:
		return parse_count(t, "--window", arg, 1000000, &sc->window);
	case OPT_LOOKBACK:
		return parse_count(t, "--lookback", arg, 1UL << 26,
		    &sc->lookback);
	case OPT_STRICT:
		t->strict = 1;
		return 0;
	default:
		return -1;
	}
}

static int
is_dir(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* The default rule pack: installed beside the binary, the source tree's
 * rules/ when run from build/bin, or PREFIX/share/clm/rules. */
static int
default_rules_dir(char *buf, size_t size)
{
	char exe[PATH_MAX], *slash;
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);

	if (n > 0) {
		exe[n] = '\0';
		if ((slash = strrchr(exe, '/')) != NULL)
			*slash = '\0';
		snprintf(buf, size, "%s/../share/clm/rules", exe);
		if (is_dir(buf))
			return 1;
		snprintf(buf, size, "%s/../../rules", exe);
		if (is_dir(buf))
			return 1;
	}
	snprintf(buf, size, "%s/rules", CLM_DATADIR);
	return is_dir(buf);
}

static int
load_rules(struct clm_tool *t, struct scrub_tool *st)
{
	struct clm_scrub_ctx *sc = &st->sc;
	struct clm_error err;
	char dir[PATH_MAX + 32];

	clm_error_clear(&err);
	sc->rules = clm_rules_new();
	/* the pack first: --rules add to it (a repeated id is an error) */
	if (!st->no_default_rules && default_rules_dir(dir, sizeof(dir)) &&
	    clm_rules_load(sc->rules, dir, &err) < 0)
		goto fail;
	for (int i = 0; i < st->nrule_paths; i++)
		if (clm_rules_load(sc->rules, st->rule_paths[i], &err) < 0)
			goto fail;
	return 0;
fail:
	clm_tool_error(t, &err);
	return -1;
}

static int
open_resources(struct clm_tool *t, struct scrub_tool *st)
{
	struct clm_scrub_ctx *sc = &st->sc;
	struct clm_error err;

	clm_error_clear(&err);
	if (load_rules(t, st) < 0)
		return -1;
	if (!st->no_ncci) {
		sc->cs = clm_codeset_open_default(st->codesets_path, &err);
		if (sc->cs == NULL) {
			clm_tool_error(t, &err);
			clm_tool_warn(t, "NCCI and MUE edits need the code-set "
			    "index (--codesets FILE, or --no-ncci to skip them)");
			return -1;
		}
	}
	if (sc->history_path != NULL) {
		sc->hist = clm_history_load(sc->history_path, &err);
		if (sc->hist == NULL) {
			clm_tool_error(t, &err);
			return -1;
		}
	}
	sc->cross = clm_scrub_cross_new(sc->window, sc->lookback);
	return 0;
}

static int
scrub_start(struct clm_tool *t, struct clm_header *h)
{
	struct scrub_tool *st = t->ctx;
	struct clm_scrub_ctx *sc = &st->sc;

	(void)h;
	if (sc->as_of == 0) {
		clm_tool_warn(t, "CLM_TODAY must be CCYYMMDD (or give --as-of)");
		return -1;
	}
	if (sc->cross == NULL && open_resources(t, st) < 0)
		return -1;
	return 0;
}

/* The NCCI tables this run used, said with the summary. */
static void
print_index(struct clm_tool *t, const struct clm_scrub_ctx *sc)
{
	static const enum clm_release_kind kinds[] = { CLM_REL_PTP,
	    CLM_REL_MUE };
	const char *path = clm_codeset_path(sc->cs);
	char names[256];
	size_t n = 0;
	int starter = 0;

	names[0] = '\0';
	if (!t->verbose && strrchr(path, '/') != NULL)
		path = strrchr(path, '/') + 1;	/* -v: the whole path */
	for (size_t i = 0; i < 2; i++) {
		struct clm_release r;

		if (!clm_codeset_release_on(sc->cs, kinds[i], 0, sc->as_of,
		    &r))
			continue;
		starter |= clm_release_is_starter(&r);
		if (n < sizeof(names))
			n += (size_t)snprintf(names + n, sizeof(names) - n,
			    "%s%s", n > 0 ? ", " : "", r.name);
	}
	clm_tool_warn(t, "code-set index %s (%s)", path,
	    names[0] ? names : "no NCCI tables in force");
	if (starter)
		clm_tool_warn(t, "the NCCI PTP/MUE tables are the starter "
		    "set's illustrative rows, not CMS's quarterly files "
		    "(build the official index with scripts/fetch-codesets)");
	for (size_t i = 0; i < 2; i++) {
		struct clm_release r;
		long due;
		char d[16];

		if (!clm_codeset_stale(sc->cs, kinds[i], 0, sc->as_of, &r,
		    &due))
			continue;
		clm_codes_date_display(due, d, sizeof(d));
		clm_tool_warn(t, "warning: the index is stale: %s was due to "
		    "be replaced on %s; update it with scripts/fetch-codesets",
		    r.name, d);
	}
}

static int
scrub_finish(struct clm_tool *t)
{
	struct scrub_tool *st = t->ctx;
	struct clm_scrub_notes n;
	struct clm_error err;

	if (st->sc.cross == NULL)
		return 0;
	clm_error_clear(&err);
	if (!t->failed && clm_scrub_history_append(&st->sc, &err) < 0) {
		clm_tool_error(t, &err);
		return -1;
	}
	if (t->quiet)
		return 0;
	clm_scrub_cross_notes(&st->sc, &n);
	if (n.late_only > 0)
		clm_tool_warn(t, "note: %lu NCCI pair(s) involve claims already "
		    "written (more than --window %lu claims back); only the "
		    "later claim carries them", n.late_only, n.window);
	if (n.evicted > 0)
		clm_tool_warn(t, "note: more than --lookback %lu service lines;"
		    " NCCI and per-day MUE edits looked back only that far",
		    n.lookback);
	if (n.dup_full > 0)
		clm_tool_warn(t, "note: %lu claims past the first %lu were not "
		    "checked for duplicates within the input", n.dup_full,
		    n.dup_max);
	if (st->sc.cs != NULL)
		print_index(t, &st->sc);
	return 0;
}

/*
 * clm-scrub --history-repair FILE: cut a torn last line off a history (an
 * append cut short by a full disk); reads no claims.  0 repaired or
 * nothing to do, 2 when the file cannot be repaired.
 */
static int
history_repair(const char *path)
{
	struct clm_error err;
	char buf[1024];
	long line;
	int action;

	clm_error_clear(&err);
	if (clm_history_repair(path, &line, &action, &err) < 0) {
		clm_error_format(&err, buf, sizeof(buf));
		fprintf(stderr, "clm-scrub: %s\n", buf);
		return CLM_EXIT_FAILURE;
	}
	if (action == CLM_HISTORY_REPAIR_CUT)
		fprintf(stderr, "clm-scrub: %s:%ld: torn last line removed "
		    "(that claim is no longer in the history)\n",
		    path, line);
	else if (action == CLM_HISTORY_REPAIR_COMPLETED)
		fprintf(stderr, "clm-scrub: %s:%ld: last line was whole but "
		    "had no line end: added\n", path, line);
	else
		fprintf(stderr, "clm-scrub: %s: nothing to repair\n", path);
	return 0;
}

int
clm_scrub_tool(int argc, char **argv, clm_tool_run_fn run)
{
	struct scrub_tool st;
	struct clm_stage stages[1];
	const struct clm_tool_spec spec = {
		.name = "clm-scrub",
		.purpose = "Apply payer claim edits: NCCI PTP and MUE, "
		    "duplicates, dates, totals, required values, payer rules.",
		.usage =
		    "      --as-of DATE       judge dates as of DATE "
		    "(CCYYMMDD; default today)\n"
		    "      --codesets FILE    code-set index with NCCI PTP "
		    "and MUE tables\n"
		    "      --no-ncci          skip the NCCI PTP and MUE edits\n"
		    "      --rules PATH       payer rule file or directory "
		    "(repeatable)\n"
		    "      --no-default-rules do not load the installed rule "
		    "pack\n"
		    "      --history FILE     flag claims already sent "
		    "(fingerprints)\n"
		    "      --history-append FILE  add the claims written "
		    "without errors to FILE\n"
		    "      --history-repair FILE  only cut a torn last line "
		    "off FILE\n"
		    "      --window N         claims held to flag both sides "
		    "of a pair (256)\n"
		    "      --lookback N       service lines kept for cross-claim "
		    "edits (131072)\n"
		    "      --strict           warnings hold claims back too\n",
		.longopts = longopts,
		.option = scrub_option,
		.start = scrub_start,
		.stages = stages,
		.nstages = 1,
		.finish = scrub_finish,
	};
	struct clm_scrub_ctx *sc = &st.sc;
	int rc;

	memset(&st, 0, sizeof(st));
	stages[0] = clm_scrub_stage(sc);
	sc->as_of = clm_date_today();
	sc->window = 256;
	sc->lookback = 131072;
	if (argc == 3 && strcmp(argv[1], "--history-repair") == 0)
		return history_repair(argv[2]);
	if (argc == 2 && strncmp(argv[1], "--history-repair=", 17) == 0)
		return history_repair(argv[1] + 17);
	rc = run(&spec, &st, argc, argv);
	clm_scrub_cross_free(sc->cross);
	clm_rules_free(sc->rules);
	clm_history_free(sc->hist);
	clm_codeset_close(sc->cs);
	return rc;
}
