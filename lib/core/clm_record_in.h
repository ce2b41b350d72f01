/*
 * clm_record_in - the record reader every tool after clm-parse uses: the
 * header row, then rows, and the end-of-records line (the trailer) that
 * tells a complete stream from a cut one (docs/record-format.md, "The
 * stream").  On a pipe (FIFO or socket) the trailer is required: an end of
 * input without it is CLM_EFORMAT ("record stream cut").  In a file it is
 * optional.  Anything after it, a second one included, is CLM_EFORMAT.
 *
 * The reader owns its input, CSV reader and header; the header stays valid
 * until clm_record_reader_close.
 */
#ifndef CLM_RECORD_IN_H
#define CLM_RECORD_IN_H

#include "clm_error.h"
#include "clm_record.h"

struct clm_record_reader;
struct clm_in;

/*
 * Open path ("-" or NULL: stdin) and read its header row.  A regular file
 * is parsed ahead in a thread.  NULL with err set on failure.
 */
struct clm_record_reader *clm_record_reader_open(const char *path,
    struct clm_error *err);
/*
 * The same over an input already open (it may have been peeked at); the
 * reader owns in from here, also on failure.  readahead: parse in a thread
 * (only for a regular file).
 */
struct clm_record_reader *clm_record_reader_open_in(struct clm_in *in,
    int readahead, struct clm_error *err);
const struct clm_header *clm_record_reader_header(
    const struct clm_record_reader *r);
struct clm_header *clm_record_reader_take_header(struct clm_record_reader *r);
/* Display name of the input: the path, or "<stdin>". */
const char *clm_record_reader_name(const struct clm_record_reader *r);
/* A clm_row_source_fn: the next row, 0 at a proper end, <0 with err. */
int clm_record_reader_next(void *r, struct clm_row *row,
    struct clm_error *err);
void clm_record_reader_close(struct clm_record_reader *r);

#endif
