/*
 * The fuzz input as a byte source for the readers (clm_csv_open_fn,
 * clm_x12in_open).  With chunk_mod set, reads come in odd sizes
 * (chunk_min + left % chunk_mod) so rows and segments split anywhere.
 */
#ifndef FUZZ_MEM_H
#define FUZZ_MEM_H

#include <stdint.h>
#include <string.h>

#include "clm_error.h"

struct fuzz_mem {
	const uint8_t *p;
	size_t left;
	size_t chunk_min, chunk_mod;	/* chunk_mod 0: whole reads */
};

static long
fuzz_mem_read(void *ctx, void *buf, size_t size, struct clm_error *err)
{
	struct fuzz_mem *m = ctx;
	size_t n = size < m->left ? size : m->left;

	(void)err;
	if (m->chunk_mod > 0 && n > m->chunk_min + m->left % m->chunk_mod)
		n = m->chunk_min + m->left % m->chunk_mod;
	memcpy(buf, m->p, n);
	m->p += n;
	m->left -= n;
	return (long)n;
}

#endif
