/*
 * clm_io - byte streams in and out.
 *
 * Input: a file or stdin ("-" or NULL), gzip detected by content (zlib reads
 * plain files through unchanged).  Output: stdout, or a file written
 * atomically: a mode 0600 temporary beside the target, fsync, then rename on
 * clm_out_commit; clm_out_close without a commit removes the temporary, so a
 * failed run never leaves a half-written file.  A target ending in ".gz" is
 * gzip-compressed.  An existing path that is not a regular file (/dev/null,
 * a FIFO) is written in place as a stream; a symlink is followed and its
 * target replaced atomically; a dangling symlink, a directory or a block
 * device is refused.
 */
#ifndef CLM_IO_H
#define CLM_IO_H

#include <stddef.h>

#include "clm_error.h"

struct clm_in;
struct clm_out;

struct clm_in *clm_in_open(const char *path, struct clm_error *err);
/* Read up to size bytes; returns bytes read, 0 at end, <0 on error. */
long clm_in_read(struct clm_in *in, void *buf, size_t size,
    struct clm_error *err);
/*
 * Look at up to size bytes at the start of the stream without consuming
 * them (for format detection); *buf stays valid until the next read.
 * Only before the first clm_in_read.  Returns bytes available or <0.
 */
long clm_in_peek(struct clm_in *in, const void **buf, size_t size,
    struct clm_error *err);
/* Display name: the path, or "<stdin>". */
const char *clm_in_name(const struct clm_in *in);
/* Whether the input is a FIFO or a socket (a record stream from a pipe). */
int clm_in_is_pipe(const struct clm_in *in);
void clm_in_close(struct clm_in *in);

struct clm_out *clm_out_open(const char *path, struct clm_error *err);
int clm_out_write(struct clm_out *out, const void *buf, size_t len,
    struct clm_error *err);
int clm_out_puts(struct clm_out *out, const char *s, struct clm_error *err);
/*
 * Flush and fsync, without renaming: afterwards the bytes are durably in the
 * temporary and only the rename is left (stdout: flush and check).  No more
 * writes after it.  clm_out_commit does it when not done yet.
 */
int clm_out_sync(struct clm_out *out, struct clm_error *err);
/* Flush, fsync and rename into place (stdout: flush and check). */
int clm_out_commit(struct clm_out *out, struct clm_error *err);
/* Close; removes the temporary file unless committed. */
void clm_out_close(struct clm_out *out);
const char *clm_out_name(const struct clm_out *out);
/* Whether the output is written in place (stdout, a device, a FIFO). */
int clm_out_is_stream(const struct clm_out *out);
/* Whether the output is a FIFO or a socket (records get a trailer). */
int clm_out_is_pipe(const struct clm_out *out);

#endif
