/*
 * clm_tool - the command-line runtime every clm-* tool shares: common
 * options, inputs (files, "-", .gz), the record output (atomic with -o),
 * the findings report, compiler-style diagnostics, the summary and the
 * exit status.  A tool supplies a spec with its own options and callbacks;
 * this is the one place that prints, so libclm never has to.
 */
#ifndef CLM_TOOL_H
#define CLM_TOOL_H

#include <getopt.h>
#include <stdio.h>

#include "clm_error.h"
#include "clm_finding.h"
#include "clm_record.h"
#include "clm_stage.h"

struct clm_tool;

/*
 * Diagnostics capped per edit id: the first limit findings of each id are
 * printed, the rest only counted (they are all in the --report file).
 * Shared by the tools of a chain.  clear_line: start each diagnostic by
 * clearing the terminal line (a progress display is drawn there).
 */
struct clm_tool_cap {
	unsigned long limit;		/* 0: no cap */
	unsigned long shown[CLM_EDIT_COUNT + 1];
	unsigned long more[CLM_EDIT_COUNT + 1];
	int clear_line;
};
/* "... and 4,210 more DX-UNKNOWN, see FILE" for each capped id, on fp. */
void clm_tool_cap_report(const struct clm_tool_cap *cap, const char *prog,
    const char *report, FILE *fp);

struct clm_tool_spec {
	const char *name;		/* "clm-normalize" */
	const char *purpose;		/* one line for --help */
	const char *usage;		/* the tool's own options, for --help */
	const char *shortopts;		/* the tool's own short options */
	const struct option *longopts;	/* the tool's own; may be NULL */
	/* Handle one of the tool's options; <0 is a usage error. */
	int (*option)(struct clm_tool *t, int opt, const char *arg);
	/* Optional: after the options, before the first input: open what
	 * the stages need and set t->stages; <0 is a fatal error. */
	int (*prepare)(struct clm_tool *t);
	/* Optional: open an input another way than as records; the source's
	 * name is t->file (set before the call). */
	int (*open_source)(struct clm_tool *t, const char *path,
	    struct clm_source **s, struct clm_error *err);
	/* Optional: the output header is known (before the stages' start);
	 * add columns here. */
	int (*start)(struct clm_tool *t, struct clm_header *h);
	/* The tool's work: the stages each claim goes through, in order
	 * (lib/core/clm_stage.h); their contexts belong to the tool.  The
	 * default for t->stages (prepare may set another list). */
	const struct clm_stage *stages;
	size_t nstages;
	/* Optional: where claims go after the last stage; <0 is fatal.  The
	 * default writes them as records (clm_tool_emit_claim). */
	int (*sink)(struct clm_tool *t, struct clm_item *it);
	/* Optional: after the last claim (the stages flushed); <0 is fatal. */
	int (*finish)(struct clm_tool *t);
	int no_record_output;		/* -o is the tool's own business */
	int check_conflicts;		/* report CLAIM-CONFLICT */
	int foreign_input;		/* reads exports, not records: checks
					   row widths itself (clm-parse) */
};

struct clm_tool {
	const struct clm_tool_spec *spec;
	void *ctx;			/* the tool's own state */
	const char *output_path;	/* -o, NULL = stdout */
	const char *report_path;	/* --report */
	int quiet;			/* -q */
	int verbose;			/* -v: info findings on stderr too */
	int strict;			/* warnings count as errors */
	char **inputs;
	int ninputs;
	struct clm_header *h;		/* output header, owned */
	struct clm_out *out;
	struct clm_out *report;
	const char *file;		/* current input's display name */
	size_t input_cols;		/* columns in the current input */
	unsigned long claims, clean, warned, rejected;
	unsigned long nfind[3];
	int failed;
	const struct clm_stage *stages;	/* the tool's, borrowed */
	size_t nstages;
	struct clm_pipe pipe;		/* the stages, then the sink */
	int source_sets_origin;		/* the current source's */
	struct clm_out *extra[4];	/* clm_tool_add_output; not owned */
	int nextra;
	struct clm_tool *next;		/* a chain's next tool (clm run) */
	/* Optional: told each claim's verdict as it is counted. */
	void (*observe)(void *arg, const struct clm_tool *t,
	    const struct clm_claim *c, enum clm_status st);
	void *observe_arg;
	struct clm_tool_cap *cap;	/* optional, borrowed */
	struct clm_tool_cap *own_cap;	/* --max-diagnostics, owned */
};

int clm_tool_main(const struct clm_tool_spec *spec, void *ctx, int argc,
    char **argv);
/* Apply findings, write the rows, report and print (the default sink). */
int clm_tool_emit_claim(struct clm_tool *t, struct clm_claim *c,
    struct clm_findings *f);
/* Apply findings and count/report/print without writing the rows. */
enum clm_status clm_tool_account(struct clm_tool *t, struct clm_claim *c,
    struct clm_findings *f);
/* A source of clm records (CSV with the canonical header) over in, which
 * it takes; ahead: parse ahead in a thread (regular files only). */
struct clm_in;
int clm_tool_open_records(struct clm_tool *t, struct clm_in *in, int ahead,
    struct clm_source **out, struct clm_error *err);
/*
 * The end of a tool that is not a claim filter (clm-codeset): standard
 * output flushed and checked, so that a write error (a full disk,
 * /dev/full) is exit status 2 with a message, never a silent 0.  Returns
 * the exit status.
 */
int clm_tool_exit(const char *name, int status);
/* "clm-x: message" on stderr (operational errors, notices). */
void clm_tool_warn(const struct clm_tool *t, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void clm_tool_error(struct clm_tool *t, const struct clm_error *err);
/*
 * The run's outputs are committed together at the end (clm_out_commit_all):
 * the record output (-o) first, then the report, then the outputs a tool
 * added here (clm-emit-837's --rejects), each flushed and fsynced before
 * any is renamed; a failed run commits none.  The tool still closes what
 * it added.
 */
void clm_tool_add_output(struct clm_tool *t, struct clm_out *out);
/*
 * Flush and fsync every output of the run (clm_out_prepare) without
 * renaming: a tool that commits its own main output (clm-emit-837) calls
 * this just before, so that a report or rejects file that cannot be
 * written stops the run before anything is committed.
 */
int clm_tool_prepare_outputs(struct clm_tool *t);
/*
 * Signals for a tool's whole run (clm_tool_main calls it; a tool with its
 * own main, clm-codeset, calls it first): SIGTERM, SIGINT and SIGHUP (when
 * not ignored at start) remove the temporaries and exit 2; SIGXFSZ is
 * ignored so that a file-size limit is a write error; stale temporaries
 * removed by clm_out_open are reported as "NAME: removed N stale ...".
 */
void clm_tool_signals(const char *name);

/*
 * A chain: several tools in one process, as the pipe "a | b | c" would run
 * them (clm run).  What a tool would write as records goes to the next
 * tool's stages instead; each tool keeps its own options, stages, sink and
 * finish.  Only the first tool reads inputs; every tool's findings go to
 * report (when set, borrowed; its header written by the caller).
 */
#define CLM_TOOL_CHAIN_MAX 8
struct clm_tool_chain {
	struct clm_tool *t[CLM_TOOL_CHAIN_MAX];
	size_t n;
	struct clm_out *report;
	struct clm_tool_cap *cap;		/* optional, borrowed */
	void (*on_input)(void *arg, const char *path);	/* optional */
	void *arg;
};
/* Add a tool with its own arguments (argv[0] its name); <0: usage. */
int clm_tool_chain_add(struct clm_tool_chain *ch,
    const struct clm_tool_spec *spec, void *ctx, int argc, char **argv);
/* Run every input through the chain; the exit status (0, 1, 2). */
int clm_tool_chain_run(struct clm_tool_chain *ch);
void clm_tool_chain_free(struct clm_tool_chain *ch);

/* How a tool's entry runs it: clm_tool_main, or a chain's (clm run). */
typedef int (*clm_tool_run_fn)(const struct clm_tool_spec *spec, void *ctx,
    int argc, char **argv);
/* Each pipeline tool's body, with the options and contexts it owns
 * (cmd/<tool>/main.c; its main() is cmd/<tool>/entry.c). */
int clm_parse_tool(int argc, char **argv, clm_tool_run_fn run);
int clm_normalize_tool(int argc, char **argv, clm_tool_run_fn run);
int clm_code_check_tool(int argc, char **argv, clm_tool_run_fn run);
int clm_scrub_tool(int argc, char **argv, clm_tool_run_fn run);
int clm_emit_837_tool(int argc, char **argv, clm_tool_run_fn run);

#endif
