/* clm-run internals: the night's figures (report.c) for summary.txt and
 * report.html. */
#ifndef RUN_H
#define RUN_H

#include <stdio.h>

#include "clm_finding.h"
#include "clm_record.h"

struct run_tally;

struct run_tally *run_tally_new(void);
void run_tally_free(struct run_tally *r);
/* One claim as the last stage judged it (CLM_STATUS_REJECT: held back). */
void run_tally_claim(struct run_tally *r, const struct clm_header *h,
    const struct clm_claim *c, enum clm_status st);
/* The mail body; cmd is how the run was started (for "next steps"). */
void run_write_summary(const struct run_tally *r, FILE *fp,
    const char *outdir, const char *when);
/* One self-contained page: the figures, inline SVG charts, held claims;
 * trend: earlier runs' "claims sent held" triples, oldest first. */
void run_write_html(const struct run_tally *r, FILE *fp, const char *when,
    const long (*trend)[3], size_t ntrend);
/* Figures for the audit record. */
void run_tally_counts(const struct run_tally *r, long *claims, long *sent,
    long *held, long long *cents, long long *held_cents);

/* The terminal's progress line (progress.c). */
struct run_progress {
	char **paths;
	int npaths, cur, started, drawn, fd;
	long long total, done_before;
	double t0, last;
};
void run_progress_start(struct run_progress *p, char **paths, int n);
/* The chain opens the next input. */
void run_progress_input(struct run_progress *p, const char *path);
/* Redraw (at most 5 times a second unless force). */
void run_progress_tick(struct run_progress *p, unsigned long claims,
    int force);
/* Clear the line. */
void run_progress_end(struct run_progress *p);
/* The line itself: claims, claims/s, share of bytes read, ETA. */
void run_progress_format(char *buf, size_t size, unsigned long claims,
    double secs, long long done, long long total);

#endif
