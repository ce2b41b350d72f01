/* clm-response: shared state of the tool's files (main, match, out). */
#ifndef RESPONSE_H
#define RESPONSE_H

#include <stdio.h>

#include "clm_archive.h"
#include "clm_codeset.h"
#include "clm_finding.h"
#include "clm_io.h"
#include "clm_resp.h"
#include "clm_tool.h"

/* One output record: a claim's (or an 835 line's) answer. */
struct resp_result {
	const char *status;		/* accepted, rejected, ... */
	long claim;			/* archive claim index, -1: none */
	long line_no;			/* 835 line: the sent line_no, else 0 */
	int is_line;
	char claim_id[40];
	char rtype[8];			/* TA1, 999, 277CA, 835 */
	char resp_file[256];
	long resp_pos;			/* segment number in resp_file */
	char codes[CLM_RESP_CODES];
	char reason[512];
	int has_billed, has_paid, has_pr;
	long long billed, paid, pr;
	char adjustments[CLM_RESP_CODES];
	char payer_ctl[40];
	char payer_id[40];
	char proc[64];
	/* a finding to report on it */
	int edit;			/* enum clm_edit, or -1 */
	char msg[640];
	int warn_unbalanced;
	int fixable;			/* for --rejects */
	int duplicate;			/* a remittance read already */
	/* an 835 PLB: its reasons and amounts (for --denials) */
	int plb_n;
	char plb_code[6][6];
	long long plb_cents[6];
};

/* What --rejects and --denials need of a rejected or denied result (a
 * result is kilobytes; this is its hundred bytes and two strings). */
struct resp_kept {
	const char *status;
	long claim;
	int is_line;
	int fixable;
	char rtype[8];
	const char *resp_file;		/* ctx's copy of the file's name */
	char *codes;			/* owned */
	char *reason;			/* owned */
	char payer_ctl[40];
	char payer_id[40];
};

struct resp_ctx {
	const char *archive_path;
	struct clm_archive *archive;
	const char *codesets;		/* --codesets, NULL = default */
	struct clm_codeset *cs;		/* NULL: codes without words */
	const char *rejects_path;
	const char *denials_path;
	const char *denials_html_path;	/* --denials-html */
	const char *resend;		/* NULL, "replace", "void" */
	long prune_before;
	struct resp_result *v;		/* results of the current input */
	size_t n, cap;
	size_t next;			/* next to hand to the runtime */
	size_t base;			/* sequence number of v[0] */
	struct clm_in *in;		/* the response file being read */
	struct clm_resp *rd;
	const char *rd_name;
	struct clm_header *h;		/* the internal row header */
	struct clm_out *out;
	/* --rejects, --denials, --denials-html: handed to the runtime, which
	 * commits them after -o, all or none (clm_tool_add_output) */
	struct clm_out *rejects_out, *den_out[2];
	/* every rejected or denied result kept for --rejects, --denials */
	struct resp_kept *kept;
	size_t nkept, capkept;
	char **files;			/* their response file names */
	size_t nfiles;
	/* the 835 provider-level adjustments (PLB), for --denials */
	struct resp_result *plb;
	size_t nplb, capplb;
	unsigned nfile;			/* response files opened so far */
};

/* match.c: results for one response item, appended to ctx->v. */
void resp_match_item(struct resp_ctx *x, const struct clm_resp_item *it,
    const char *file);
/* denials.c: the denial report from ctx->kept. */
int resp_write_denials(struct resp_ctx *x, struct clm_error *err);
/* reason.c: CARC and RARC of a, in words, into buf; non-zero when the
 * reason may be fixable (a fix class, or a code not known). */
int resp_reason_adjs(const struct resp_ctx *x, const struct clm_resp_adjs *a,
    char *buf, size_t size);
/* The STC triplets of a codes list ("STC:A7:562:85") in words. */
void resp_reason_stc(const struct resp_ctx *x, const char *codes, char *buf,
    size_t size);
/* Words for a denial-report key (CO-45, M15, STC:A7:...), "" if none. */
const char *resp_words(const struct resp_ctx *x, const char *key);
/* dup.c: non-zero when the 835 item was read already in this run (the
 * same remittance, TRN02/TRN03/BPR02, in another transaction set; or the
 * same CLP for the same sent claim), with why in words. */
int resp_dup_835(struct resp_ctx *x, const struct clm_resp_item *it,
    const char *file, long claim, char *why, size_t size);
void resp_dup_free(void);
/* A new response file starts (999 group coverage is per file). */
void resp_match_reset(void);

#endif
