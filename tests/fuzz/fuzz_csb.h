/*
 * Shared body of the code-set reader harnesses: add the fuzz input as one
 * source of the given kind to a builder (after base, when not NULL), write
 * the index, open it again and look code up on date.  A builder that accepts a source must write
 * an index that opens: anything else aborts, which the fuzzer reports.
 */
#ifndef FUZZ_CSB_H
#define FUZZ_CSB_H

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "clm_codeset.h"
#include "clm_codeset_build.h"

static int
fuzz_csb_source(const char *kind, const uint8_t *data, size_t size,
    const char *base_kind, const char *base, const char *code, long date)
{
	struct clm_csb *b = clm_csb_new();
	struct clm_error err;
	unsigned char *img;
	size_t len;

	if (base != NULL && clm_csb_add_mem(b, base_kind, base, strlen(base),
	    "base", 20251001, 20260930, NULL, &err) != 0)
		abort();
	if (clm_csb_add_mem(b, kind, (const char *)data, size, "fuzz",
	    base ? 20261001 : 20251001, base ? 20270930 : 20260930, NULL,
	    &err) == 0 && clm_csb_image(b, &img, &len, &err) == 0) {
		struct clm_codeset *cs = clm_codeset_open_mem(img, len, "fuzz",
		    &err);

		if (cs == NULL)
			abort();	/* the builder wrote a bad index */
		clm_codeset_lookup(cs, CLM_SYS_ICD10CM, code, date, NULL);
		clm_codeset_close(cs);
		free(img);
	}
	clm_csb_free(b);
	return 0;
}

#endif
