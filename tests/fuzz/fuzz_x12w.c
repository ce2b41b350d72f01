/*
 * Fuzz the X12 writer with arbitrary values: whatever they hold, the output
 * has exactly the segments asked for and no value byte outside the set.
 * Input: delimiter choice in the first 4 bytes, then values split at NUL.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "clm_x12.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct clm_x12_syntax syn = { '*', ':', '^', '~', "\n", 0 };
	struct clm_x12_writer w;
	char *copy;
	size_t segs = 0, nl = 0, asked = 0;

	if (size > 0)
		syn.extended = data[0] & 1;
	clm_x12_writer_init(&w, &syn);
	copy = malloc(size + 1);
	memcpy(copy, data, size);
	copy[size] = '\0';
	for (size_t i = 0; i <= size;) {
		const char *v = copy + i;
		size_t n = strlen(v);

		clm_x12_seg(&w, "NTE");
		if (n % 3 == 0) {
			clm_x12_comp_begin(&w);
			clm_x12_comp(&w, v, "v");
		} else
			clm_x12_el(&w, v, "v");
		clm_x12_seg_end(&w);
		asked++;
		i += n + 1;
	}
	for (size_t i = 0; i < w.len; i++) {
		segs += w.buf[i] == '~';
		nl += w.buf[i] == '\n';
		if ((unsigned char)w.buf[i] >= 0x80 || (w.buf[i] < 0x20 &&
		    w.buf[i] != '\n'))
			abort();
	}
	if (segs != asked || nl != asked || w.segs != asked)
		abort();
	clm_x12_writer_free(&w);
	free(copy);
	return 0;
}
