/* Fuzz the cell splitting (modifiers, pointers, diagnosis lists) and the
 * encoding layer (UTF-8 check in odd chunks, Windows-1252 transcoding). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "clm.h"
#include "clm_cells.h"
#include "clm_enc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
fuzz_cells(const char *cell)
{
	char items[4][CLM_CELLS_TOKEN], out[64];

	clm_cells_split_mods(cell, items, 4);
	clm_cells_split_list(cell, items, 4);
	if (clm_cells_dx_ptr(cell, out, sizeof(out)) >= 0 &&
	    strlen(out) >= sizeof(out))
		abort();
}

static void
fuzz_enc(const uint8_t *data, size_t size)
{
	struct clm_enc_utf8 st;
	unsigned char out[96];
	size_t bad, outlen, pos = 0, step = 1 + (size % 7);

	clm_enc_utf8_init(&st);
	while (pos < size) {
		size_t n = size - pos < step ? size - pos : step;
		enum clm_enc_verdict v = clm_enc_utf8_check(&st, data + pos, n,
		    &bad);

		if ((v == CLM_ENC_INVALID || v == CLM_ENC_NUL) && bad >= n)
			abort();
		if (v == CLM_ENC_INVALID || v == CLM_ENC_NUL)
			clm_enc_utf8_init(&st);
		pos += n;
	}
	for (pos = 0; pos < size;) {
		size_t used = clm_enc_cp1252_to_utf8(data + pos, size - pos,
		    out, sizeof(out), &outlen);

		if (used == 0 || outlen > sizeof(out))
			abort();
		pos += used;
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *cell = clm_xstrndup((const char *)data, size);

	fuzz_cells(cell);
	free(cell);
	fuzz_enc(data, size);
	return 0;
}
