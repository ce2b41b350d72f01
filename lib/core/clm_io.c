#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <zlib.h>

#include "clm_io.h"

#define CLM_IO_BUFSZ (256 * 1024)

struct clm_in {
	gzFile gz;
	char *name;
	char *peeked;		/* bytes read ahead by clm_in_peek */
	size_t npeeked;
	size_t peek_pos;
	int pipe;		/* a FIFO or socket (clm_in_is_pipe) */
};

struct clm_out {
	char *path;		/* the name given, NULL for stdout */
	char *target;		/* the file replaced: path, or a symlink's target */
	char *tmp;		/* temporary beside the target, NULL for a stream */
	int fd;
	gzFile gz;		/* when compressing */
	char *buf;		/* write buffer for plain output */
	size_t len;
	int committed;
	int synced;		/* clm_out_sync done: all bytes on disk */
	int failed;
};

static int
is_stdio(const char *path)
{
	return path == NULL || strcmp(path, "-") == 0;
}

/* A FIFO or a socket: a byte stream whose writer can stop anywhere. */
static int
fd_is_pipe(int fd)
{
	struct stat st;

	return fstat(fd, &st) == 0 && (S_ISFIFO(st.st_mode) ||
	    S_ISSOCK(st.st_mode));
}

struct clm_in *
clm_in_open(const char *path, struct clm_error *err)
{
	struct clm_in *in;
	int fd = is_stdio(path) ? dup(STDIN_FILENO) :
	    open(path, O_RDONLY | O_CLOEXEC);
	const char *name = is_stdio(path) ? "<stdin>" : path;

	if (fd < 0) {
		clm_error_set(err, CLM_EIO, name, 0, "cannot open: %s",
		    strerror(errno));
		return NULL;
	}
	in = clm_xcalloc(1, sizeof(*in));
	in->name = clm_xstrdup(name);
	in->pipe = fd_is_pipe(fd);
	in->gz = gzdopen(fd, "rb");
	if (in->gz == NULL)
		clm_oom();
	gzbuffer(in->gz, CLM_IO_BUFSZ);
	return in;
}

static long
read_gz(struct clm_in *in, void *buf, size_t size, struct clm_error *err)
{
	int n, zerr;
	const char *msg;

	if (size > (1u << 30))
		size = 1u << 30;
	n = gzread(in->gz, buf, (unsigned)size);
	if (n >= 0)
		return n;
	msg = gzerror(in->gz, &zerr);
	return clm_error_set(err, CLM_EIO, in->name, 0, "read failed: %s",
	    zerr == Z_ERRNO ? strerror(errno) : msg);
}

long
clm_in_peek(struct clm_in *in, const void **buf, size_t size,
    struct clm_error *err)
{
	while (in->npeeked < size) {
		long n;

		in->peeked = clm_xrealloc(in->peeked, size);
		n = read_gz(in, in->peeked + in->npeeked, size - in->npeeked,
		    err);
		if (n < 0)
			return n;
		if (n == 0)
			break;
		in->npeeked += (size_t)n;
	}
	*buf = in->peeked ? in->peeked : "";
	return (long)(in->npeeked < size ? in->npeeked : size);
}

long
clm_in_read(struct clm_in *in, void *buf, size_t size, struct clm_error *err)
{
	if (in->peek_pos < in->npeeked) {
		size_t n = in->npeeked - in->peek_pos;

		if (n > size)
			n = size;
		memcpy(buf, in->peeked + in->peek_pos, n);
		in->peek_pos += n;
		return (long)n;
	}
	return read_gz(in, buf, size, err);
}

const char *
clm_in_name(const struct clm_in *in)
{
	return in->name;
}

int
clm_in_is_pipe(const struct clm_in *in)
{
	return in->pipe;
}

void
clm_in_close(struct clm_in *in)
{
	if (in == NULL)
		return;
	gzclose(in->gz);
	free(in->peeked);
	free(in->name);
	free(in);
}

static int
ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && strcmp(s + n - m, suffix) == 0;
}

static char *
temp_path_for(const char *path)
{
	const char *slash = strrchr(path, '/');
	size_t dirlen = slash ? (size_t)(slash - path) + 1 : 0;
	size_t size = strlen(path) + 16;
	char *tmp = clm_xmalloc(size);

	snprintf(tmp, size, "%.*s.%s.XXXXXX", (int)dirlen, path,
	    path + dirlen);
	return tmp;
}

static int
open_temp(struct clm_out *out, struct clm_error *err)
{
	out->tmp = temp_path_for(out->target);
	out->fd = mkstemp(out->tmp);
	if (out->fd < 0) {
		int e = errno;

		free(out->tmp);
		out->tmp = NULL;
		return clm_error_set(err, CLM_EIO, out->path, 0,
		    "cannot create temporary file: %s", strerror(e));
	}
	if (fchmod(out->fd, 0600) != 0)
		return clm_error_set(err, CLM_EIO, out->path, 0,
		    "cannot set mode: %s", strerror(errno));
	return 0;
}

/*
 * An existing path that is not a regular file (a character device such as
 * /dev/null, a FIFO, a socket) is a stream: written in place, never renamed
 * over.  A symlink is followed and its target replaced in the target's own
 * directory; a dangling one, a directory or a block device is refused.
 */
static int
resolve_target(struct clm_out *out, int *stream, struct clm_error *err)
{
	struct stat st;

	*stream = 0;
	if (lstat(out->path, &st) != 0) {
		if (errno != ENOENT)
			return clm_error_set(err, CLM_EIO, out->path, 0,
			    "cannot open: %s", strerror(errno));
		out->target = clm_xstrdup(out->path);
		return 0;
	}
	if (S_ISLNK(st.st_mode)) {
		out->target = realpath(out->path, NULL);
		if (out->target == NULL)
			return clm_error_set(err, CLM_EIO, out->path, 0,
			    "symbolic link to a missing file: refusing to "
			    "write through it (%s)", strerror(errno));
		if (stat(out->target, &st) != 0)
			return clm_error_set(err, CLM_EIO, out->path, 0,
			    "cannot open: %s", strerror(errno));
	} else
		out->target = clm_xstrdup(out->path);
	if (S_ISREG(st.st_mode))
		return 0;
	if (S_ISDIR(st.st_mode) || S_ISBLK(st.st_mode))
		return clm_error_set(err, CLM_EIO, out->path, 0,
		    "is a %s, not a file", S_ISDIR(st.st_mode) ?
		    "directory" : "block device");
	*stream = 1;
	return 0;
}

static int
open_stream(struct clm_out *out, struct clm_error *err)
{
	out->fd = open(out->target, O_WRONLY | O_NOCTTY | O_CLOEXEC);
	if (out->fd < 0)
		return clm_error_set(err, CLM_EIO, out->path, 0,
		    "cannot open: %s", strerror(errno));
	return 0;
}

struct clm_out *
clm_out_open(const char *path, struct clm_error *err)
{
	struct clm_out *out = clm_xcalloc(1, sizeof(*out));
	int stream = 0;

	out->fd = STDOUT_FILENO;
	if (!is_stdio(path)) {
		out->path = clm_xstrdup(path);
		out->fd = -1;
		if (resolve_target(out, &stream, err) < 0 ||
		    (stream ? open_stream(out, err) :
		    open_temp(out, err)) < 0) {
			clm_out_close(out);
			return NULL;
		}
		if (ends_with(path, ".gz")) {
			out->gz = gzdopen(dup(out->fd), "wb6");
			if (out->gz == NULL)
				clm_oom();
			gzbuffer(out->gz, CLM_IO_BUFSZ);
		}
	}
	if (out->gz == NULL)
		out->buf = clm_xmalloc(CLM_IO_BUFSZ);
	return out;
}

int
clm_out_is_stream(const struct clm_out *out)
{
	return out->tmp == NULL;
}

int
clm_out_is_pipe(const struct clm_out *out)
{
	return out->tmp == NULL && fd_is_pipe(out->fd);
}

static int
write_all(struct clm_out *out, const char *p, size_t len,
    struct clm_error *err)
{
	while (len > 0) {
		ssize_t n = write(out->fd, p, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			out->failed = 1;
			return clm_error_set(err, CLM_EIO, clm_out_name(out),
			    0, "write failed: %s", strerror(errno));
		}
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

static int
flush_buf(struct clm_out *out, struct clm_error *err)
{
	int rc = write_all(out, out->buf, out->len, err);

	out->len = 0;
	return rc;
}

/* A write after a failed one: err is set all the same, never left stale. */
static int
earlier_failure(const struct clm_out *out, struct clm_error *err)
{
	return clm_error_set(err, CLM_EIO, clm_out_name(out), 0,
	    "an earlier write to this output failed");
}

int
clm_out_write(struct clm_out *out, const void *buf, size_t len,
    struct clm_error *err)
{
	if (out->failed)
		return earlier_failure(out, err);
	if (out->gz != NULL) {
		if (len > 0 && gzwrite(out->gz, buf, (unsigned)len) == 0) {
			out->failed = 1;
			return clm_error_set(err, CLM_EIO, out->path, 0,
			    "compressed write failed");
		}
		return 0;
	}
	if (out->len + len > CLM_IO_BUFSZ && flush_buf(out, err) < 0)
		return -CLM_EIO;
	if (len >= CLM_IO_BUFSZ)
		return write_all(out, buf, len, err);
	memcpy(out->buf + out->len, buf, len);
	out->len += len;
	return 0;
}

int
clm_out_puts(struct clm_out *out, const char *s, struct clm_error *err)
{
	return clm_out_write(out, s, strlen(s), err);
}

static int
finish_gz(struct clm_out *out, struct clm_error *err)
{
	int rc = gzclose(out->gz);

	out->gz = NULL;
	if (rc != Z_OK)
		return clm_error_set(err, CLM_EIO, out->path, 0,
		    "compressed write failed");
	return 0;
}

int
clm_out_sync(struct clm_out *out, struct clm_error *err)
{
	if (out->failed)
		return earlier_failure(out, err);
	if (out->synced)
		return 0;
	out->failed = 1;	/* until the end is reached */
	if (out->gz != NULL && finish_gz(out, err) < 0)
		return -CLM_EIO;
	if (out->buf != NULL && flush_buf(out, err) < 0)
		return -CLM_EIO;
	if (out->path != NULL) {
		/* fsync means nothing to a device or FIFO (EINVAL) */
		if ((fsync(out->fd) != 0 &&
		    !(out->tmp == NULL && errno == EINVAL)) ||
		    close(out->fd) != 0) {
			out->fd = -1;
			return clm_error_set(err, CLM_EIO, out->path, 0,
			    "cannot write: %s", strerror(errno));
		}
		out->fd = -1;
	}
	out->failed = 0;
	out->synced = 1;
	return 0;
}

int
clm_out_commit(struct clm_out *out, struct clm_error *err)
{
	if (clm_out_sync(out, err) < 0)
		return -CLM_EIO;
	if (out->path == NULL)
		return 0;
	if (out->tmp != NULL && rename(out->tmp, out->target) != 0)
		return clm_error_set(err, CLM_EIO, out->path, 0,
		    "cannot rename into place: %s", strerror(errno));
	out->committed = 1;
	return 0;
}

void
clm_out_close(struct clm_out *out)
{
	if (out == NULL)
		return;
	if (out->gz != NULL)
		gzclose(out->gz);
	if (out->path != NULL && out->fd >= 0)
		close(out->fd);
	if (out->tmp != NULL && !out->committed)
		unlink(out->tmp);
	free(out->buf);
	free(out->tmp);
	free(out->target);
	free(out->path);
	free(out);
}

const char *
clm_out_name(const struct clm_out *out)
{
	return out->path ? out->path : "<stdout>";
}
