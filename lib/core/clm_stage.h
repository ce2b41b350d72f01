/*
 * clm_stage - claims through a list of stages, in one process.
 *
 * A source yields one claim at a time: its rows, grouped, and the findings
 * found while reading it (clm_source).  A stage takes one claim in flight
 * (clm_item), appends findings and repairs its rows, and passes it on;
 * a stage that looks across claims (a window) may hold claims and pass
 * them on later, at the latest when flushed at the end of the input.
 * After the last stage a claim goes to the sink (records, an 837, rejects).
 *
 * Nothing here is global and nothing assumes a process of its own: any
 * number of pipelines, each with its own stage contexts, may run in one
 * process.  The library never prints: findings travel with the claim, and
 * findings outside any claim (an X12 envelope) wait in the source's orphans
 * for the caller.
 *
 * Ownership: an item belongs to whoever passed it, for the length of the
 * call.  A stage that holds a claim swaps the item's contents with a slot
 * of its own (clm_item_swap), so the caller gets back rows already passed
 * on, which it reuses.  A stage context belongs to the code that built it;
 * a pipeline only borrows its stages.
 */
#ifndef CLM_STAGE_H
#define CLM_STAGE_H

#include <stddef.h>

#include "clm_error.h"
#include "clm_finding.h"
#include "clm_record.h"

/* One claim in flight: its rows and the findings so far. */
struct clm_item {
	struct clm_claim c;
	struct clm_findings f;
};

void clm_item_init(struct clm_item *it);
void clm_item_free(struct clm_item *it);
/* Exchange the rows and findings of a and b (no copy). */
void clm_item_swap(struct clm_item *a, struct clm_item *b);

struct clm_pipe;

/* Where a stage passes a claim on: the stages after it, then the sink. */
struct clm_next {
	struct clm_pipe *p;
	size_t at;		/* index of the next stage */
};

enum clm_stage_result {
	CLM_STAGE_PASS = 0,	/* the runtime passes the claim on */
	CLM_STAGE_HELD = 1	/* the stage took it; it passes it on later */
};

struct clm_stage {
	const char *name;
	void *ctx;
	/* Optional: the stream's header is known, before the first claim; a
	 * stage may add the columns it writes.  <0 (err set) is fatal. */
	int (*start)(void *ctx, struct clm_header *h, struct clm_error *err);
	/* Findings and repairs for one claim.  Returns a clm_stage_result,
	 * or <0 (err set) for a fatal error. */
	int (*claim)(void *ctx, const struct clm_next *next,
	    struct clm_item *it, struct clm_error *err);
	/* Optional: the input ended; pass on every claim still held. */
	int (*flush)(void *ctx, const struct clm_next *next,
	    struct clm_error *err);
};

/* The sink: takes every claim that leaves the last stage. */
typedef int (*clm_sink_fn)(void *ctx, const struct clm_header *h,
    struct clm_item *it, struct clm_error *err);

struct clm_pipe {
	const struct clm_stage *stages;	/* borrowed */
	size_t nstages;
	clm_sink_fn sink;
	void *sink_ctx;
	const struct clm_header *h;	/* set by clm_pipe_start */
	int strict;			/* warnings count as errors */
};

void clm_pipe_init(struct clm_pipe *p, const struct clm_stage *stages,
    size_t nstages, clm_sink_fn sink, void *sink_ctx);
/* Each stage's start, in order, with the stream's header. */
int clm_pipe_start(struct clm_pipe *p, struct clm_header *h,
    struct clm_error *err);
/* Run it through the stages from the first; 0 or <0. */
int clm_pipe_push(struct clm_pipe *p, struct clm_item *it,
    struct clm_error *err);
/* Pass it on from a stage: the stages after it, then the sink. */
int clm_stage_pass(const struct clm_next *next, struct clm_item *it,
    struct clm_error *err);
/* The end of the input: flush each stage in order (what the first one
 * passes on still goes through the later ones). */
int clm_pipe_flush(struct clm_pipe *p, struct clm_error *err);

/*
 * A source: one claim at a time.  next recycles the rows it->c held,
 * fills it->c, appends the claim's reading findings to it->f and returns
 * 1, 0 at the end, or a negative CLM_E* code with err set.  orphans (may
 * be NULL) returns findings outside any claim, for the caller to report
 * and clear.  close frees the source.
 */
struct clm_source {
	int (*next)(struct clm_source *s, struct clm_item *it,
	    struct clm_error *err);
	struct clm_findings *(*orphans)(struct clm_source *s);
	void (*close)(struct clm_source *s);
	struct clm_header *h;		/* the input's columns */
	const char *name;		/* display name, borrowed: it must
					   outlive every claim read (c.file) */
	int sets_origin;		/* rows carry src_file/src_line */
	void *impl;
};

/* A source over rows (CSV records, an export reader): adjacent rows of a
 * claim grouped by clm_grouper under h.  h belongs to src and must live
 * until close_rows(src), which (when not NULL) runs at close. */
struct clm_source *clm_source_rows(clm_row_source_fn next, void *src,
    void (*close_rows)(void *src), struct clm_header *h, const char *name);
void clm_source_close(struct clm_source *s);

/* Every claim of s through p (no flush): 0 at the end, or <0. */
int clm_pipe_run(struct clm_pipe *p, struct clm_source *s,
    struct clm_error *err);

#endif
