/* clm_audit: the audit log (clm_audit.h). */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

#include "clm.h"
#include "clm_audit.h"
#include "clm_sha256.h"

void
clm_audit_line_init(struct clm_audit_line *l)
{
	memset(l, 0, sizeof(*l));
}

void
clm_audit_line_free(struct clm_audit_line *l)
{
	free(l->buf);
	clm_audit_line_init(l);
}

static void
put(struct clm_audit_line *l, const char *s, size_t n)
{
	if (l->len + n + 1 > l->cap) {
		l->cap = (l->len + n + 1) * 2;
		l->buf = clm_xrealloc(l->buf, l->cap);
	}
	memcpy(l->buf + l->len, s, n);
	l->len += n;
	l->buf[l->len] = '\0';
}

void
clm_audit_field(struct clm_audit_line *l, const char *key, const char *value)
{
	if (l->len > 0)
		put(l, "\t", 1);
	put(l, key, strlen(key));
	put(l, "=", 1);
	for (const unsigned char *p = (const unsigned char *)value; *p; p++) {
		if (*p == '%' || *p < 0x20 || *p == 0x7f) {
			char esc[4];

			snprintf(esc, sizeof(esc), "%%%02X", *p);
			put(l, esc, 3);
		} else {
			put(l, (const char *)p, 1);
		}
	}
}

void
clm_audit_join(struct clm_audit_line *l, const struct clm_audit_line *b)
{
	if (b->len == 0)
		return;
	if (l->len > 0)
		put(l, "\t", 1);
	put(l, b->buf, b->len);
}

void
clm_audit_fieldf(struct clm_audit_line *l, const char *key, const char *fmt,
    ...)
{
	char buf[4096];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	clm_audit_field(l, key, buf);
}

int
clm_audit_file(struct clm_audit_line *l, const char *key, const char *path,
    struct clm_error *err)
{
	char hex[65], *abs;
	long long size;

	if (clm_sha256_file(path, hex, &size, err) < 0)
		return -CLM_EIO;
	abs = realpath(path, NULL);	/* --verify runs from anywhere */
	clm_audit_fieldf(l, key, "%lld:%s:%s", size, hex, abs ? abs : path);
	free(abs);
	return 0;
}

int
clm_audit_append(const char *path, const struct clm_audit_line *l,
    struct clm_error *err)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
	int rc = 0;

	if (fd < 0)
		return clm_error_set(err, CLM_EIO, path, 0, "%s",
		    strerror(errno));
	if (flock(fd, LOCK_EX) != 0 ||
	    write(fd, l->buf ? l->buf : "", l->len) != (ssize_t)l->len ||
	    write(fd, "\n", 1) != 1 || fsync(fd) != 0)
		rc = clm_error_set(err, CLM_EIO, path, 0, "cannot append: %s",
		    strerror(errno));
	close(fd);	/* releases the lock */
	return rc;
}

int
clm_audit_read(const char *path, int (*fn)(void *arg, const char *line),
    void *arg, struct clm_error *err)
{
	FILE *fp = fopen(path, "r");
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;

	if (fp == NULL)
		return errno == ENOENT ? 0 : clm_error_set(err, CLM_EIO, path,
		    0, "%s", strerror(errno));
	flock(fileno(fp), LOCK_SH);
	while ((n = getline(&line, &cap, fp)) > 0) {
		if (line[n - 1] != '\n')
			break;	/* a torn last line: not a record */
		line[n - 1] = '\0';
		if (fn(arg, line) != 0)
			break;
	}
	free(line);
	fclose(fp);
	return 0;
}

static int
hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

int
clm_audit_get(const char *line, const char *key, size_t n, char *buf,
    size_t size)
{
	size_t klen = strlen(key);

	for (const char *p = line; *p != '\0';) {
		size_t flen = strcspn(p, "\t");

		if (flen > klen && strncmp(p, key, klen) == 0 &&
		    p[klen] == '=' && n-- == 0) {
			size_t o = 0;

			for (size_t i = klen + 1; i < flen && o + 1 < size; i++) {
				if (p[i] == '%' && i + 2 < flen &&
				    hexval(p[i + 1]) >= 0 &&
				    hexval(p[i + 2]) >= 0) {
					buf[o++] = (char)(hexval(p[i + 1]) * 16 +
					    hexval(p[i + 2]));
					i += 2;
				} else {
					buf[o++] = p[i];
				}
			}
			buf[o] = '\0';
			return 1;
		}
		p += flen + (p[flen] == '\t');
	}
	return 0;
}
