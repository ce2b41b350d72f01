/* clm TOOL ARGS: run clm-TOOL ARGS (from this program's directory first). */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "clm.h"

static const char *const tools[][2] = {
	{ "parse", "read CSV/TSV exports or X12 837P into clm records" },
	{ "normalize", "repair the form of values (dates, codes, names...)" },
	{ "code-check", "check every code against the release in force" },
	{ "scrub", "claim edits: NCCI, MUE, duplicates, payer rules" },
	{ "emit-837", "write clean claims as an X12 837P interchange" },
	{ "response", "TA1, 999, 277CA and 835 answers back on the claims sent" },
	{ "codeset", "build, inspect and query the code-set index" },
	{ "run", "the nightly job: all five stages in one process, one report" },
	{ "audit", "list and verify the runs in clm run's audit log" },
};

static void
help(FILE *fp)
{
	fputs("usage: clm TOOL [ARGS...]\n       clm help [TOOL] | --version\n\n"
	    "tools:\n", fp);
	for (size_t i = 0; i < sizeof(tools) / sizeof(tools[0]); i++)
		fprintf(fp, "  %-11s %s\n", tools[i][0], tools[i][1]);
	fputs("\n'clm help TOOL' or 'clm TOOL --help' describes a tool; exit status is the "
	    "tool's.\n", fp);
}

/* Try clm-TOOL next to this executable, then on PATH. */
static void
run_tool(const char *argv0, const char *tool, char **argv)
{
	char self[PATH_MAX], path[PATH_MAX + 256], name[128];
	ssize_t n = readlink("/proc/self/exe", self, sizeof(self) - 1);

	snprintf(name, sizeof(name), "clm-%s", tool);
	argv[0] = name;
	if (n > 0) {
		char *slash;

		self[n] = '\0';
		slash = strrchr(self, '/');
		if (slash != NULL) {
			*slash = '\0';
			snprintf(path, sizeof(path), "%s/%s", self, name);
			execv(path, argv);
		}
	}
	execvp(name, argv);
	fprintf(stderr, "%s: %s: %s (see 'clm help')\n", argv0, name,
	    strerror(errno));
}

int
main(int argc, char **argv)
{
	if (argc < 2) {
		help(stderr);
		return CLM_EXIT_FAILURE;
	}
	if (strcmp(argv[1], "help") == 0 && argc > 2 &&
	    strchr(argv[2], '/') == NULL && argv[2][0] != '-') {
		/* clm help TOOL: that tool's own help */
		char *targv[] = { argv[2], (char *)"--help", NULL };

		run_tool(argv[0], argv[2], targv);
		return CLM_EXIT_FAILURE;
	}
	if (strcmp(argv[1], "help") == 0 || strcmp(argv[1], "--help") == 0 ||
	    strcmp(argv[1], "-h") == 0) {
		help(stdout);
		return CLM_EXIT_OK;
	}
	if (strcmp(argv[1], "--version") == 0) {
		printf("clm %s\n", CLM_VERSION);
		return CLM_EXIT_OK;
	}
	if (strchr(argv[1], '/') != NULL || argv[1][0] == '-') {
		fprintf(stderr, "clm: no tool named '%s' (see 'clm help')\n",
		    argv[1]);
		return CLM_EXIT_FAILURE;
	}
	run_tool(argv[0], argv[1], argv + 1);
	return CLM_EXIT_FAILURE;
}
