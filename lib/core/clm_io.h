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
 *
 * A temporary is locked (flock) while it is written.  Opening an output
 * first removes the temporaries of the same target (".NAME.clm.XXXXXX"
 * beside it, regular files of this user) whose lock can be taken: their
 * writer is gone (killed).  A live
 * writer's temporary is never touched.  Each temporary is also kept in a
 * process-wide registry so that a signal handler can remove them all with
 * clm_io_remove_temps().
 *
 * Ownership: clm_in and clm_out are owned by the caller and freed by
 * clm_in_close / clm_out_close; the strings passed in are copied.
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
 * Flush and fsync without renaming: the temporary stays locked and hidden.
 * Idempotent; no write may follow.
 */
int clm_out_prepare(struct clm_out *out, struct clm_error *err);
/* Prepare, then rename into place (stdout: flush and check). */
int clm_out_commit(struct clm_out *out, struct clm_error *err);
/*
 * Commit a run's outputs together: every one is prepared first, in the
 * order given, so that a write or fsync failure in any leaves all of them
 * uncommitted (the old files untouched); then each is renamed in the order
 * given (the main output first).  NULL entries and outputs already
 * committed are skipped.
 */
int clm_out_commit_all(struct clm_out *const *outs, size_t n,
    struct clm_error *err);
/*
 * Remove the file an output at path would replace (the path, or a
 * symlink's target) when it is a regular file; a stream, "-" or a missing
 * file is left alone.  *removed says whether a file went.
 */
int clm_out_remove_target(const char *path, int *removed,
    struct clm_error *err);
/* Close; removes the temporary file unless committed. */
void clm_out_close(struct clm_out *out);
const char *clm_out_name(const struct clm_out *out);
/* Whether the output is written in place (stdout, a device, a FIFO). */
int clm_out_is_stream(const struct clm_out *out);
/* Whether the output is a FIFO or a socket (records get a trailer). */
int clm_out_is_pipe(const struct clm_out *out);

/*
 * Unlink every temporary of this process not yet committed.  Async-signal-
 * safe (only unlink(2)): for a SIGTERM/SIGINT/SIGHUP handler, which then
 * exits without clm_out_close.
 */
void clm_io_remove_temps(void);
/* Called once per target after open removed n stale temporaries. */
typedef void (*clm_io_stale_fn)(const char *target, unsigned n);
void clm_io_on_stale(clm_io_stale_fn fn);

#endif
