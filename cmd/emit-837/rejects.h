/* clm-emit-837: the rejects file (rejects.c).  The writer owns its header
 * copy and scratch row; out and the source header are borrowed. */
#ifndef EMIT_REJECTS_H
#define EMIT_REJECTS_H

#include "clm_finding.h"
#include "clm_record.h"

struct clm_out;

struct emit_rejects {
	struct clm_out *out;
	const struct clm_header *src;	/* the records' header */
	struct clm_header *h;		/* it plus `reason` */
	int reason;			/* index of `reason` in h */
	struct clm_row *row;
	int export_headers;		/* --rejects-headers */
	int skip;			/* src_columns, not written; -1 */
	int header_done;
	struct clm_header *wh;		/* as written (src_columns left out) */
};

/* export_headers: the header waits for the first claim's src_columns. */
int emit_rejects_open(struct emit_rejects *r, struct clm_out *out,
    const struct clm_header *h, int export_headers, struct clm_error *err);
/* Before the commit: the header, if no claim wrote it. */
int emit_rejects_finish(struct emit_rejects *r, struct clm_error *err);
/* The claim's rows; f holds this run's findings (messages for reason). */
int emit_rejects_write(struct emit_rejects *r, const struct clm_claim *c,
    const struct clm_findings *f, struct clm_error *err);
void emit_rejects_close(struct emit_rejects *r);

#endif
