/*
 * Start-up cost of the code-set index: open + one lookup + close in
 * process (best of 200), and optionally the wall time of a whole command
 * (best of 20 fork/exec runs).
 * usage: csstart INDEX [CMD ARGS...]
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "clm_codeset.h"

static double
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

int
main(int argc, char **argv)
{
	double best = 1e9, t;
	struct clm_error err;

	if (argc < 2) {
		fprintf(stderr, "usage: csstart INDEX [CMD ARGS...]\n");
		return 2;
	}
	for (int i = 0; i < 200; i++) {
		struct clm_codeset *cs;
		struct clm_code_info ci;

		t = now_ms();
		cs = clm_codeset_open(argv[1], &err);
		if (cs == NULL) {
			fprintf(stderr, "csstart: %s\n", err.msg);
			return 2;
		}
		clm_codeset_lookup(cs, CLM_SYS_ICD10CM, "M54.50", 20261127, &ci);
		clm_codeset_close(cs);
		t = now_ms() - t;
		if (t < best)
			best = t;
	}
	printf("index open + lookup: %.3f ms", best);
	fflush(stdout);
	if (argc > 2) {
		double wbest = 1e9;

		for (int i = 0; i < 20; i++) {
			pid_t pid;
			int st;

			t = now_ms();
			pid = fork();
			if (pid == 0) {
				freopen("/dev/null", "w", stdout);
				freopen("/dev/null", "w", stderr);
				execv(argv[2], argv + 2);
				_exit(127);
			}
			waitpid(pid, &st, 0);
			t = now_ms() - t;
			if (t < wbest)
				wbest = t;
		}
		printf("; %s whole run: %.2f ms", argv[2], wbest);
	}
	printf("\n");
	return 0;
}
