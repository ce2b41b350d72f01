/* clm_journal: files put in place together (clm_journal.h). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "clm.h"
#include "clm_journal.h"

#define JOURNAL_MAX 64

struct clm_journal {
	char *path;
	char *from[JOURNAL_MAX];
	char *to[JOURNAL_MAX];
	int staged[JOURNAL_MAX];	/* from is ours to remove on abort */
	size_t n;
	int committed;
};

struct clm_journal *
clm_journal_new(const char *path)
{
	struct clm_journal *j = clm_xcalloc(1, sizeof(*j));

	j->path = clm_xstrdup(path);
	return j;
}

void
clm_journal_free(struct clm_journal *j)
{
	if (j == NULL)
		return;
	for (size_t i = 0; i < j->n; i++) {
		free(j->from[i]);
		free(j->to[i]);
	}
	free(j->path);
	free(j);
}

void
clm_journal_staged_name(const char *target, char *buf, size_t size)
{
	const char *slash = strrchr(target, '/');

	if (slash == NULL)
		snprintf(buf, size, ".%s.clm-run", target);
	else
		snprintf(buf, size, "%.*s/.%s.clm-run", (int)(slash - target),
		    target, slash + 1);
}

static const char *
add(struct clm_journal *j, const char *from, const char *to, int staged)
{
	if (j->n >= JOURNAL_MAX)
		abort();	/* a fixed, small set of outputs */
	j->from[j->n] = clm_xstrdup(from);
	j->to[j->n] = clm_xstrdup(to);
	j->staged[j->n] = staged;
	return j->from[j->n++];
}

const char *
clm_journal_stage(struct clm_journal *j, const char *target)
{
	char buf[4200];

	clm_journal_staged_name(target, buf, sizeof(buf));
	unlink(buf);
	return add(j, buf, target, 1);
}

void
clm_journal_move(struct clm_journal *j, const char *from, const char *to)
{
	add(j, from, to, 0);
}

static int
copy_file(const char *from, const char *to, struct clm_error *err)
{
	char buf[65536];
	int in = open(from, O_RDONLY | O_CLOEXEC), out;
	ssize_t n = 0;

	if (in < 0 && errno == ENOENT)
		return 0;	/* nothing yet: the run creates it */
	if (in < 0)
		return clm_error_set(err, CLM_EIO, from, 0, "%s",
		    strerror(errno));
	out = open(to, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (out < 0) {
		close(in);
		return clm_error_set(err, CLM_EIO, to, 0, "%s",
		    strerror(errno));
	}
	while ((n = read(in, buf, sizeof(buf))) > 0)
		if (write(out, buf, (size_t)n) != n) {
			n = -1;
			break;
		}
	close(in);
	if (n < 0 || close(out) != 0)
		return clm_error_set(err, CLM_EIO, to, 0, "cannot copy %s: %s",
		    from, strerror(errno));
	return 0;
}

const char *
clm_journal_stage_copy(struct clm_journal *j, const char *target,
    struct clm_error *err)
{
	const char *staged = clm_journal_stage(j, target);

	if (copy_file(target, staged, err) < 0)
		return NULL;
	return staged;
}

static int
fsync_path(const char *path, int dir)
{
	int fd = open(path, (dir ? O_RDONLY | O_DIRECTORY : O_RDONLY) |
	    O_CLOEXEC);
	int rc;

	if (fd < 0)
		return errno == ENOENT ? 0 : -1;
	rc = fsync(fd);
	close(fd);
	return rc;
}

static void
dir_of(const char *path, char *buf, size_t size)
{
	const char *slash = strrchr(path, '/');

	if (slash == NULL)
		snprintf(buf, size, ".");
	else if (slash == path)
		snprintf(buf, size, "/");
	else
		snprintf(buf, size, "%.*s", (int)(slash - path), path);
}

/* Rename each pair whose source is still there; fsync the directories. */
static int
apply(char **from, char **to, size_t n, void (*hook)(const char *),
    struct clm_error *err)
{
	char dir[4200];

	for (size_t i = 0; i < n; i++) {
		if (access(from[i], F_OK) != 0)
			continue;	/* done before a crash, or never made */
		if (rename(from[i], to[i]) != 0)
			return clm_error_set(err, CLM_EIO, to[i], 0,
			    "cannot put in place: %s", strerror(errno));
		dir_of(to[i], dir, sizeof(dir));
		fsync_path(dir, 1);
		if (i == 0 && hook != NULL)
			hook("rename");
	}
	return 0;
}

int
clm_journal_commit(struct clm_journal *j, void (*hook)(const char *),
    struct clm_error *err)
{
	char tmp[4200], dir[4200];
	FILE *fp;
	int rc;

	for (size_t i = 0; i < j->n; i++)
		if (j->staged[i] && fsync_path(j->from[i], 0) != 0)
			return clm_error_set(err, CLM_EIO, j->from[i], 0,
			    "fsync: %s", strerror(errno));
	snprintf(tmp, sizeof(tmp), "%s.tmp", j->path);
	if ((fp = fopen(tmp, "w")) == NULL)
		return clm_error_set(err, CLM_EIO, tmp, 0, "%s",
		    strerror(errno));
	for (size_t i = 0; i < j->n; i++)
		fprintf(fp, "%s\t%s\n", j->from[i], j->to[i]);
	rc = fflush(fp) != 0 || fsync(fileno(fp)) != 0;
	if (fclose(fp) != 0 || rc || rename(tmp, j->path) != 0) {
		unlink(tmp);
		return clm_error_set(err, CLM_EIO, j->path, 0,
		    "cannot write the journal: %s", strerror(errno));
	}
	dir_of(j->path, dir, sizeof(dir));
	fsync_path(dir, 1);
	if (hook != NULL)
		hook("journal");
	if (apply(j->from, j->to, j->n, hook, err) < 0)
		return -CLM_EIO;
	unlink(j->path);
	fsync_path(dir, 1);
	j->committed = 1;
	return 0;
}

void
clm_journal_abort(struct clm_journal *j)
{
	for (size_t i = 0; !j->committed && i < j->n; i++)
		if (j->staged[i])
			unlink(j->from[i]);
}

int
clm_journal_recover(const char *path, int *done, struct clm_error *err)
{
	FILE *fp = fopen(path, "r");
	char line[8400], *from[JOURNAL_MAX], *to[JOURNAL_MAX];
	size_t n = 0;
	int rc = 0;

	*done = 0;
	if (fp == NULL)
		return errno == ENOENT ? 0 : clm_error_set(err, CLM_EIO, path,
		    0, "%s", strerror(errno));
	while (n < JOURNAL_MAX && fgets(line, sizeof(line), fp) != NULL) {
		char *tab = strchr(line, '\t'), *nl = strchr(line, '\n');

		if (tab == NULL || nl == NULL) {
			rc = clm_error_set(err, CLM_EFORMAT, path, (long)n + 1,
			    "not a journal line");
			break;
		}
		*tab = *nl = '\0';
		from[n] = clm_xstrdup(line);
		to[n] = clm_xstrdup(tab + 1);
		n++;
	}
	fclose(fp);
	if (rc == 0 && (rc = apply(from, to, n, NULL, err)) == 0) {
		unlink(path);
		*done = 1;
	}
	for (size_t i = 0; i < n; i++) {
		free(from[i]);
		free(to[i]);
	}
	return rc;
}
