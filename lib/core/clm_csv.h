/*
 * clm_csv - a pull-style CSV/TSV row reader over libcsv's push parser.
 *
 * clm_csv_next fills a row with the next record's raw values and the
 * physical line it starts on.  Blank lines are skipped, quoted values may
 * span lines, a UTF-8 byte-order mark is dropped.  Spaces and tabs around
 * an unquoted value are dropped (libcsv's rule; a tab delimiter stays a
 * delimiter), so a line of blanks is a blank line; quote a value to keep
 * its blanks.  Every value and row is held to a ceiling: hitting it is a
 * CLM_ELIMIT error naming the line.  With clm_csv_readahead the reading
 * and parsing run in a thread the reader owns; clm_csv_close joins it.
 */
#ifndef CLM_CSV_H
#define CLM_CSV_H

#include "clm_error.h"
#include "clm_io.h"
#include "clm_record.h"

#define CLM_CSV_MAX_FIELD (1024 * 1024)
#define CLM_CSV_MAX_FIELDS 4096

struct clm_csv;

/* Byte source: fills buf, returns bytes read, 0 at end, <0 on error. */
typedef long (*clm_csv_read_fn)(void *ctx, void *buf, size_t size,
    struct clm_error *err);

/* Reads from in (borrowed; close it after clm_csv_close). */
struct clm_csv *clm_csv_open(struct clm_in *in, unsigned char delim);
/* Reads through fn (e.g. a transcoder); name is used in errors. */
struct clm_csv *clm_csv_open_fn(clm_csv_read_fn fn, void *ctx,
    const char *name, unsigned char delim);
void clm_csv_set_delim(struct clm_csv *r, unsigned char delim);
/* 1 with row filled, 0 at end of input, or a negative CLM_E* code. */
int clm_csv_next(struct clm_csv *r, struct clm_row *row,
    struct clm_error *err);
/*
 * Parse ahead in a thread of its own (at most AHEAD_ROWS rows ahead): for
 * sources safe to read from another thread that never block for good
 * (regular files).  The same rows, lines and errors, in the same order;
 * clm_csv_lines is then the reader's, not the caller's.  0, or -1 when no
 * thread could be started (reading goes on in the caller's thread).
 */
int clm_csv_readahead(struct clm_csv *r);
void clm_csv_close(struct clm_csv *r);
const char *clm_csv_name(const struct clm_csv *r);
/* Newlines consumed so far (for positions in a read function's errors). */
long clm_csv_lines(const struct clm_csv *r);

/* A clm_row_source_fn over a clm_csv. */
int clm_csv_source(void *csv, struct clm_row *row, struct clm_error *err);

#endif
