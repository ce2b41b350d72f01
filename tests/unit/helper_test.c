#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "helper_test.h"

char *
helper_tmpdir(void)
{
	char *d = clm_xstrdup("/tmp/clm-test-XXXXXX");

	if (mkdtemp(d) == NULL)
		abort();
	return d;
}

void
helper_rmtree(const char *dir)
{
	char cmd[512];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		abort();
}

char *
helper_slurp(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	char *buf;
	long n;

	if (fp == NULL)
		return NULL;
	fseek(fp, 0, SEEK_END);
	n = ftell(fp);
	rewind(fp);
	buf = clm_xmalloc((size_t)n + 1);
	if (fread(buf, 1, (size_t)n, fp) != (size_t)n)
		abort();
	buf[n] = '\0';
	fclose(fp);
	if (len != NULL)
		*len = (size_t)n;
	return buf;
}

struct strsrc {
	const char *p;
	size_t left;
};

static long
str_read(void *ctx, void *buf, size_t size, struct clm_error *err)
{
	struct strsrc *s = ctx;
	size_t n = size < s->left ? size : s->left;

	(void)err;
	if (n > 5)
		n = 5;		/* tiny chunks: rows split across reads */
	memcpy(buf, s->p, n);
	s->p += n;
	s->left -= n;
	return (long)n;
}

struct clm_csv *
helper_csv_string(const char *text, unsigned char delim)
{
	/* A small static pool: the reader outlives this call, and each test
	 * runs in its own process (CK_FORK), so no free is needed. */
	static struct strsrc pool[32];
	static size_t next;
	struct strsrc *s = &pool[next++ % 32];

	s->p = text;
	s->left = strlen(text);
	return clm_csv_open_fn(str_read, s, "test.csv", delim);
}

const char *
helper_shared(void)
{
	static char path[4096];
	const char *env = getenv("CLM_SHARED");
	struct stat st;

	snprintf(path, sizeof(path), "%s", env ? env : "../shared");
	if (stat(path, &st) != 0 || !S_ISDIR(st.st_mode))
		return NULL;
	return path;
}
