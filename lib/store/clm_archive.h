/*
 * clm_archive - the sent archive: what clm-emit-837 sent, batch by batch,
 * so that clm-response can put the clearinghouse's and the payer's answers
 * (TA1, 999, 277CA, 835) back on the claims and their source rows, and a
 * rejected claim can be fixed and resent without the original export.
 *
 * The archive is a CSV file whose first field tags each record
 * (docs/archive.md):
 *     B,sent,isa13,gs06,sender,receiver,file      one per interchange sent
 *     H,column,column...                          the records' header
 *     C,st02,clm01,fingerprint,charge,from,to,source,rows,payer_id,segs
 *     R,source_line,value,value...                the claim's records
 * Claims (C) follow their batch (B, H); rows (R) follow their claim.  The
 * file holds patient data (the records): it is created mode 0600, only
 * ever appended to under an exclusive flock, and pruned by rewriting it
 * atomically (clm_archive_prune).
 *
 * Writing: a clm_archive_spool collects the claims of one run in an
 * unlinked temporary file while the 837 is being written; once the 837 is
 * in place clm_archive_append adds the batch to the archive.
 *
 * Reading: clm_archive_load keeps in memory only what matching needs: the
 * batches, and per claim its C record, the line number, line control
 * number and source line of each of its records, and the byte offset of
 * its records in the archive file.  The records themselves are read back
 * from the file by that offset when they are needed (clm_archive_rows:
 * --rejects, the denial report's edit ids), through the descriptor opened
 * at load time, so a prune that replaces the file meanwhile changes
 * nothing and an append only adds after.  The archive owns every batch,
 * claim, header and line it hands out until clm_archive_free; the rows of
 * clm_archive_rows are the caller's.
 */
#ifndef CLM_ARCHIVE_H
#define CLM_ARCHIVE_H

#include <stddef.h>
#include <stdint.h>

#include "clm_error.h"
#include "clm_record.h"

/* The interchange a batch went out in. */
struct clm_archive_batch {
	long sent;			/* CCYYMMDD */
	char isa13[16];			/* 9 digits */
	char gs06[16];
	char sender[40];		/* ISA05:ISA06 */
	char receiver[40];		/* ISA07:ISA08 */
	char file[256];			/* the 837 written */
	struct clm_header *h;		/* header of the records (reading) */
};

/* One record of a claim, what matching an 835 service line needs. */
struct clm_archive_line {
	long line;			/* physical line in the source */
	long line_no;			/* line_no column, 0 if none */
	const char *ctrl;		/* line_ctrl column (REF*6R), or "" */
};

struct clm_archive_claim {
	size_t batch;			/* index into the batches */
	char st02[16];
	const char *clm01;		/* the CLM01 sent (= claim_id) */
	uint64_t fp;			/* clm_history_claim_fp */
	long long charge;		/* CLM02, in cents */
	long from, to;			/* service dates, CCYYMMDD */
	const char *source;		/* record file it was read from */
	long first_row, last_row;	/* physical lines there */
	const char *payer_id;
	long seg_first, seg_last;	/* its segments in the set, 0: unknown */
	const struct clm_archive_line *lines;	/* one per record */
	size_t nlines;
	long line;			/* archive line of the C record */
	long long off;			/* its byte offset, -1 unknown */
	long long len;			/* bytes to its next record, 0 unknown */
};

/* Writing. */
struct clm_archive_spool;

struct clm_archive_spool *clm_archive_spool_new(struct clm_error *err);
void clm_archive_spool_free(struct clm_archive_spool *sp);
/* Add one claim sent in transaction set st02, its segments there from
 * seg_first to seg_last (ST = 1; 0 when not known); c->file is its
 * source. */
int clm_archive_spool_claim(struct clm_archive_spool *sp,
    const struct clm_claim *c, const struct clm_header *h, const char *st02,
    long seg_first, long seg_last, struct clm_error *err);
size_t clm_archive_spool_count(const struct clm_archive_spool *sp);
/* Append batch b (its header h) and the spooled claims to path, creating
 * it mode 0600, under an exclusive flock. */
int clm_archive_append(const char *path, const struct clm_archive_batch *b,
    const struct clm_header *h, struct clm_archive_spool *sp,
    struct clm_error *err);

/* Reading. */
struct clm_archive;

struct clm_archive *clm_archive_load(const char *path,
    struct clm_error *err);
/* The same from memory (tests, fuzzing); name is used in errors.  text
 * is borrowed: it must stay valid until clm_archive_free. */
struct clm_archive *clm_archive_load_text(const char *text, size_t len,
    const char *name, struct clm_error *err);
void clm_archive_free(struct clm_archive *a);
size_t clm_archive_nbatches(const struct clm_archive *a);
const struct clm_archive_batch *clm_archive_batch(const struct clm_archive *a,
    size_t i);
size_t clm_archive_nclaims(const struct clm_archive *a);
const struct clm_archive_claim *clm_archive_claim(const struct clm_archive *a,
    size_t i);
/*
 * Read the records of claim i back from the archive into rows (initialised
 * here, the caller's to clm_claim_free), under its batch's header, with
 * their source lines.  0, or <0 with err naming the archive line.
 */
int clm_archive_rows(const struct clm_archive *a, size_t i,
    struct clm_claim *rows, struct clm_error *err);

/*
 * The claim an answer names: CLM01 equal, and the charge (cents, when
 * has_charge) and service dates (when from > 0; to when > 0) equal to the
 * ones sent, never CLM01 alone.  Returns its index with *nfound 1; when
 * several match and all are the same bill (one fingerprint: a claim
 * resent), the latest sent; -1 when none matches, -2 when several
 * different bills match (*nfound says how many).  The first call builds
 * an index by CLM01 (the archive stays read-only otherwise).
 */
long clm_archive_find(struct clm_archive *a, const char *clm01,
    int has_charge, long long charge, long from, long to, size_t *nfound);

/*
 * Remove the batches sent before date (CCYYMMDD) and their claims,
 * rewriting path atomically under the same flock appends take.  *kept and
 * *removed (may be NULL) get the batch counts.
 */
int clm_archive_prune(const char *path, long before, size_t *kept,
    size_t *removed, struct clm_error *err);

#endif
