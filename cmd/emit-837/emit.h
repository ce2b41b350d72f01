/* clm-emit-837: the tool's state (main.c, rejects.c); the guard and the
 * renderer it runs are the library's (lib/x12/clm_837p_out.h). */
#ifndef EMIT_H
#define EMIT_H

#include <stdint.h>
#include <stdio.h>

#include "clm_archive.h"
#include "clm_837p.h"
#include "clm_837p_out.h"
#include "clm_finding.h"
#include "clm_partner.h"
#include "clm_record.h"
#include "clm_x12.h"
#include "rejects.h"

struct emit_ctx {
	struct clm_837p_out o;		/* the guard's and renderer's */
	const char *partner_path;
	const char *state_path;
	char *state_default;
	const char *rejects_path;
	struct clm_out *rejects;
	struct emit_rejects rj;		/* its writer */
	int rejects_headers;		/* --rejects-headers */
	FILE *spool;
	unsigned long long spool_len;
	unsigned long long *bht;	/* placeholder offsets in the spool */
	size_t nbht, capbht;
	struct clm_837p_hl st;
	struct clm_837p_hl pending;	/* st after the claim in hand */
	unsigned long written;		/* 2300 loops written */
	unsigned long held;		/* claims held back */
	struct clm_findings *f;		/* the claim in hand's */
	const char *history_path;	/* --history: fingerprints sent */
	uint64_t *sent_fps;		/* fingerprints of claims written */
	size_t nsent, capsent;
	const char *archive_path;	/* --archive: the sent archive */
	struct clm_archive_spool *archive;	/* claims written, until then */
	unsigned long ctl_used;		/* ISA13 of the interchange written */
};

#endif
