/*
 * clm_sha256 - SHA-256 (FIPS 180-4), for the audit log's file digests.
 * No Debian library clm already depends on offers it (zlib, libxml2,
 * PCRE2, libcsv), so it lives here, once.  The context is the caller's;
 * nothing is allocated.
 */
#ifndef CLM_SHA256_H
#define CLM_SHA256_H

#include <stddef.h>
#include <stdint.h>

#include "clm_error.h"

struct clm_sha256 {
	uint32_t h[8];
	uint64_t len;			/* bytes so far */
	unsigned char buf[64];
	size_t nbuf;
};

void clm_sha256_init(struct clm_sha256 *s);
void clm_sha256_update(struct clm_sha256 *s, const void *data, size_t n);
/* The digest as 64 lowercase hex digits and a NUL. */
void clm_sha256_hex(struct clm_sha256 *s, char out[65]);
/* A file's digest and size; <0 with err set when it cannot be read. */
int clm_sha256_file(const char *path, char out[65], long long *size,
    struct clm_error *err);

#endif
