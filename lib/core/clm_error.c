#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clm_error.h"

void
clm_oom(void)
{
	fputs("clm: out of memory\n", stderr);
	exit(CLM_EXIT_FAILURE);
}

void *
clm_xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (p == NULL)
		clm_oom();
	return p;
}

void *
clm_xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);

	if (p == NULL)
		clm_oom();
	return p;
}

void *
clm_xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);

	if (q == NULL)
		clm_oom();
	return q;
}

char *
clm_xstrndup(const char *s, size_t n)
{
	char *p = clm_xmalloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
clm_xstrdup(const char *s)
{
	return clm_xstrndup(s, strlen(s));
}

void
clm_error_clear(struct clm_error *err)
{
	if (err != NULL)
		memset(err, 0, sizeof(*err));
}

int
clm_error_set(struct clm_error *err, int code, const char *file, long line,
    const char *fmt, ...)
{
	struct clm_error e;
	va_list ap;

	if (err == NULL)
		return -code;
	/* every field, claim and field included, is set: nothing stale or
	 * uninitialised from the caller's stack (built aside, so file or the
	 * arguments may point into *err) */
	memset(&e, 0, sizeof(e));
	e.code = code;
	snprintf(e.file, sizeof(e.file), "%s", file ? file : "");
	e.line = line;
	va_start(ap, fmt);
	vsnprintf(e.msg, sizeof(e.msg), fmt, ap);
	va_end(ap);
	*err = e;
	return -code;
}

void
clm_error_format(const struct clm_error *err, char *buf, size_t size)
{
	size_t n = 0;

	buf[0] = '\0';
	if (err->file[0] != '\0' && err->line > 0)
		n = (size_t)snprintf(buf, size, "%s:%ld: ", err->file,
		    err->line);
	else if (err->file[0] != '\0')
		n = (size_t)snprintf(buf, size, "%s: ", err->file);
	if (n < size && err->claim[0] != '\0')
		n += (size_t)snprintf(buf + n, size - n, "claim %s ",
		    err->claim);
	if (n < size && err->field[0] != '\0')
		n += (size_t)snprintf(buf + n, size - n, "field %s: ",
		    err->field);
	if (n < size)
		snprintf(buf + n, size - n, "%s", err->msg);
}
