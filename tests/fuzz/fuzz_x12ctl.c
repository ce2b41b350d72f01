/*
 * Fuzz the control-number state reader (clm_x12_ctl_parse).  Properties:
 * a text with a NUL byte is never accepted; an accepted one gives a number
 * in 1..999999999 and the key's line where it says; replacing that line the
 * way the emitter does (or appending it) reads back as the next number, so
 * a run never restarts at 1 or drops a line.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clm_x12.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
check_key(const char *text, size_t size, const char *key)
{
	struct clm_error err;
	unsigned long next, again;
	size_t off, len, off2, len2, klen = strlen(key), n;
	char line[64], *edited;

	if (clm_x12_ctl_parse(text, size, "fuzz", key, &next, &off, &len,
	    &err) < 0) {
		if (err.line < 0 || err.file[0] == '\0')
			abort();
		return;
	}
	if (memchr(text, '\0', size) != NULL || next < 1 ||
	    next > 999999999UL || off > size || (off < size &&
	    (len <= klen || off + len > size ||
	    memcmp(text + off, key, klen) != 0 || text[off + klen] != '\t')))
		abort();
	/* the emitter's rewrite, in memory */
	n = (size_t)snprintf(line, sizeof(line), "%s\t%lu\n", key, next);
	edited = malloc(size + n + 2);
	if (edited == NULL)
		abort();
	if (off == size) {
		memcpy(edited, text, size);
		off2 = size;
		if (size > 0 && text[size - 1] != '\n')
			edited[off2++] = '\n';
		memcpy(edited + off2, line, n);
		off2 += n;
	} else {
		size_t rest = off + len + (off + len < size);

		memcpy(edited, text, off);
		memcpy(edited + off, line, n);
		memcpy(edited + off + n, text + rest, size - rest);
		off2 = off + n + size - rest;
	}
	if (clm_x12_ctl_parse(edited, off2, "fuzz", key, &again, &off, &len2,
	    &err) < 0 || again != (next >= 999999999UL ? 1 : next + 1))
		abort();
	free(edited);
}

/* A key the emitter can have (clm_x12_ctl_open refuses others). */
static int
key_ok(const char *key, size_t k)
{
	if (k == 0 || key[0] == '#')
		return 0;
	for (size_t i = 0; i < k; i++)
		if ((unsigned char)key[i] < 0x20 ||
		    (unsigned char)key[i] >= 0x7f)
			return 0;
	return 1;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data;
	const char *tab = memchr(text, '\t', size < 40 ? size : 40);
	char key[41];

	check_key(text, size, "ZZ:SPRINGFIELD01|ZZ:CLEARINGHOUSE");
	/* the first line's key, when it is one */
	if (tab != NULL && tab > text) {
		size_t k = (size_t)(tab - text);

		memcpy(key, text, k);
		key[k] = '\0';
		if (key_ok(key, k))
			check_key(text, size, key);
	}
	return 0;
}
