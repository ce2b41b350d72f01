#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
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
	int prepared;		/* flushed and fsynced, not renamed yet */
	int failed;
	int slot;		/* index in the temporary registry, -1 none */
};

/*
 * Every temporary this process is writing, for clm_io_remove_temps() in a
 * signal handler: a slot's pointer is set before it is used and cleared
 * before the string is freed, so the handler sees a whole path or NULL.
 */
#define CLM_IO_MAXTEMP 64
static char *volatile temp_registry[CLM_IO_MAXTEMP];
static clm_io_stale_fn stale_hook;

static int
register_temp(char *path)
{
	for (int i = 0; i < CLM_IO_MAXTEMP; i++)
		if (temp_registry[i] == NULL) {
			temp_registry[i] = path;
			return i;
		}
	return -1;
}

static void
unregister_temp(struct clm_out *out)
{
	if (out->slot >= 0)
		temp_registry[out->slot] = NULL;
	out->slot = -1;
}

void
clm_io_remove_temps(void)
{
	for (int i = 0; i < CLM_IO_MAXTEMP; i++) {
		char *p = temp_registry[i];

		if (p != NULL)
			unlink(p);
	}
}

void
clm_io_on_stale(clm_io_stale_fn fn)
{
	stale_hook = fn;
}

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

/* A temporary is ".NAME.clm.XXXXXX" beside its target: the tag keeps the
 * stale sweep away from a user's own ".NAME.backup" and the like. */
#define TEMP_TAG ".clm."

static char *
temp_path_for(const char *path)
{
	const char *slash = strrchr(path, '/');
	size_t dirlen = slash ? (size_t)(slash - path) + 1 : 0;
	size_t size = strlen(path) + 20;
	char *tmp = clm_xmalloc(size);

	snprintf(tmp, size, "%.*s.%s" TEMP_TAG "XXXXXX", (int)dirlen, path,
	    path + dirlen);
	return tmp;
}

/* ".BASE.clm." followed by the six characters mkstemp puts there. */
static int
is_temp_of(const char *name, const char *base)
{
	size_t n = strlen(base), t = strlen(TEMP_TAG);

	if (name[0] != '.' || strncmp(name + 1, base, n) != 0 ||
	    strncmp(name + 1 + n, TEMP_TAG, t) != 0 ||
	    strlen(name + 1 + n + t) != 6)
		return 0;
	for (const char *p = name + 1 + n + t; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9')))
			return 0;
	return 1;
}

/*
 * A temporary whose lock can be taken has no writer: its process died
 * (SIGKILL, power loss) before commit or cleanup.  The name is checked to
 * still be that file once locked (a writer renames before it unlocks).
 */
static int
remove_if_stale(int dfd, const char *name)
{
	struct stat st, again;
	int fd = openat(dfd, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK |
	    O_CLOEXEC | O_NOCTTY);
	int removed = 0;

	if (fd < 0)
		return 0;
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) &&
	    st.st_uid == geteuid() && flock(fd, LOCK_EX | LOCK_NB) == 0 &&
	    fstatat(dfd, name, &again, AT_SYMLINK_NOFOLLOW) == 0 &&
	    again.st_dev == st.st_dev && again.st_ino == st.st_ino &&
	    unlinkat(dfd, name, 0) == 0)
		removed = 1;
	close(fd);
	return removed;
}

static void
sweep_stale(const char *target)
{
	const char *slash = strrchr(target, '/');
	const char *base = slash ? slash + 1 : target;
	char *dir = slash ? clm_xstrdup(target) : clm_xstrdup(".");
	unsigned removed = 0;
	struct dirent *de;
	DIR *d;

	if (slash)
		dir[slash - target + (slash == target)] = '\0';
	d = opendir(dir);
	while (d != NULL && (de = readdir(d)) != NULL)
		if (is_temp_of(de->d_name, base))
			removed += (unsigned)remove_if_stale(dirfd(d),
			    de->d_name);
	if (d != NULL)
		closedir(d);
	free(dir);
	if (removed > 0 && stale_hook != NULL)
		stale_hook(target, removed);
}

/*
 * The temporary is locked (flock) for as long as it is written, so that a
 * later run can tell it from a dead writer's.  A sweeper may take the lock
 * in the instant between mkstemp and flock and remove the file: then the
 * locked file has no link left and another is made.
 */
static int
open_temp(struct clm_out *out, struct clm_error *err)
{
	struct stat st;

	sweep_stale(out->target);
	for (int tries = 0; tries < 100; tries++) {
		out->tmp = temp_path_for(out->target);
		out->fd = mkstemp(out->tmp);
		if (out->fd < 0) {
			int e = errno;

			free(out->tmp);
			out->tmp = NULL;
			return clm_error_set(err, CLM_EIO, out->path, 0,
			    "cannot create temporary file: %s", strerror(e));
		}
		out->slot = register_temp(out->tmp);
		if (flock(out->fd, LOCK_EX) != 0)
			return clm_error_set(err, CLM_EIO, out->path, 0,
			    "cannot lock temporary file: %s", strerror(errno));
		if (fstat(out->fd, &st) == 0 && st.st_nlink > 0)
			break;
		unregister_temp(out);
		close(out->fd);
		out->fd = -1;
		free(out->tmp);
		out->tmp = NULL;
	}
	if (out->tmp == NULL)
		return clm_error_set(err, CLM_EIO, out->path, 0,
		    "cannot create temporary file: removed while created");
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

	out->slot = -1;
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
	if (out->prepared || out->committed)
		return clm_error_set(err, CLM_EIO, clm_out_name(out), 0,
		    "write after the output was prepared for commit");
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
clm_out_prepare(struct clm_out *out, struct clm_error *err)
{
	if (out->failed)
		return earlier_failure(out, err);
	if (out->prepared)
		return 0;
	if (out->gz != NULL && finish_gz(out, err) < 0) {
		out->failed = 1;
		return -CLM_EIO;
	}
	if (out->buf != NULL && flush_buf(out, err) < 0)
		return -CLM_EIO;
	/* fsync means nothing to a device or FIFO (EINVAL); not an error. */
	if (out->path != NULL && fsync(out->fd) != 0 &&
	    !(out->tmp == NULL && errno == EINVAL)) {
		out->failed = 1;
		return clm_error_set(err, CLM_EIO, out->path, 0,
		    "cannot write: %s", strerror(errno));
	}
	out->prepared = 1;
	return 0;
}

/* Rename while the lock is held, so no sweeper ever sees it unlocked. */
static int
finish_commit(struct clm_out *out, struct clm_error *err)
{
	int rc = 0;

	if (out->path == NULL) {
		out->committed = 1;
		return 0;
	}
	if (out->tmp != NULL && rename(out->tmp, out->target) != 0) {
		out->failed = 1;
		return clm_error_set(err, CLM_EIO, out->path, 0,
		    "cannot rename into place: %s", strerror(errno));
	}
	out->committed = 1;
	unregister_temp(out);
	if (close(out->fd) != 0)
		rc = clm_error_set(err, CLM_EIO, out->path, 0,
		    "cannot write: %s", strerror(errno));
	out->fd = -1;
	return rc;
}

int
clm_out_commit(struct clm_out *out, struct clm_error *err)
{
	if (clm_out_prepare(out, err) < 0)
		return -CLM_EIO;
	return finish_commit(out, err);
}

int
clm_out_commit_all(struct clm_out *const *outs, size_t n,
    struct clm_error *err)
{
	int rc = 0;
	sigset_t stop, old;

	for (size_t i = 0; i < n; i++)
		if (outs[i] != NULL && clm_out_prepare(outs[i], err) < 0)
			return -CLM_EIO;
	/* a terminating signal waits until the set is in place */
	sigemptyset(&stop);
	sigaddset(&stop, SIGTERM);
	sigaddset(&stop, SIGINT);
	sigaddset(&stop, SIGHUP);
	sigprocmask(SIG_BLOCK, &stop, &old);
	for (size_t i = 0; rc == 0 && i < n; i++)
		if (outs[i] != NULL && !outs[i]->committed &&
		    finish_commit(outs[i], err) < 0)
			rc = -CLM_EIO;
	sigprocmask(SIG_SETMASK, &old, NULL);
	return rc;
}

int
clm_out_remove_target(const char *path, int *removed, struct clm_error *err)
{
	struct clm_out probe;
	int stream = 0, rc;

	*removed = 0;
	if (is_stdio(path))
		return 0;
	memset(&probe, 0, sizeof(probe));
	probe.path = (char *)path;
	rc = resolve_target(&probe, &stream, err);
	if (rc == 0 && !stream) {
		if (unlink(probe.target) == 0)
			*removed = 1;
		else if (errno != ENOENT)
			rc = clm_error_set(err, CLM_EIO, path, 0,
			    "cannot remove: %s", strerror(errno));
	}
	free(probe.target);
	return rc;
}

void
clm_out_close(struct clm_out *out)
{
	if (out == NULL)
		return;
	if (out->gz != NULL)
		gzclose(out->gz);
	if (out->tmp != NULL && !out->committed)
		unlink(out->tmp);
	unregister_temp(out);
	if (out->path != NULL && out->fd >= 0)
		close(out->fd);
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
