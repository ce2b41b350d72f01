/*
 * Fuzz the value normalizers.  The first byte picks the kind, the rest is
 * the value.  Properties: the output fits and is NUL-terminated; an error
 * or unchanged result leaves the value exactly as it was; a value that
 * passes holds no control character or X12 delimiter; normalizing a
 * repaired value again changes nothing (idempotence).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "clm_norm.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
check_procmods(const char *v)
{
	struct clm_norm_procmod pm, again;

	memset(&pm, 0, sizeof(pm));
	pm.proc = v;
	pm.mod[0] = v + strlen(v) / 2;
	pm.mod[1] = "";
	pm.mod[2] = "gp";
	pm.mod[3] = "";
	if (clm_norm_proc_mods(&pm) != CLM_NORM_REPAIRED)
		return;
	memset(&again, 0, sizeof(again));
	again.proc = pm.proc;
	for (int i = 0; i < 4; i++)
		again.mod[i] = pm.mod[i];
	if (clm_norm_proc_mods(&again) != CLM_NORM_UNCHANGED)
		abort();
}

/* Would this value break an X12 segment? (':' joins pointers.) */
static int
x12_unsafe(const char *s, size_t n, enum clm_norm_kind k)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c < 0x20 || c == 0x7F || c == '~' || c == '*' ||
		    c == '^' || c == '>' || (c == ':' && k != CLM_NORM_DXPTR))
			return 1;
	}
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct clm_norm_ctx ctx = { 20261127, 0 };
	enum clm_norm_kind k;
	size_t len, cap;
	char *in, *b1, *b2;
	struct clm_norm_out o1, o2;
	enum clm_norm_result r;

	if (size < 1 || size > 4096)
		return 0;
	k = (enum clm_norm_kind)(data[0] % CLM_NORM_KIND_COUNT);
	ctx.keep_case = data[0] >= 128;
	len = size - 1;
	cap = len + CLM_NORM_SLACK;
	in = malloc(len + 1);
	b1 = malloc(cap);
	b2 = malloc(cap);
	memcpy(in, data + 1, len);
	in[len] = '\0';
	o1 = (struct clm_norm_out){ b1, cap, 0, 0, NULL };
	r = clm_norm_value(k, in, len, &ctx, &o1);
	if (o1.len >= cap || b1[o1.len] != '\0')
		abort();
	if (r != CLM_NORM_REPAIRED && (o1.len != len ||
	    memcmp(b1, in, len) != 0))
		abort();
	if (r != CLM_NORM_ERROR && k != CLM_NORM_NONE &&
	    x12_unsafe(b1, o1.len, k))
		abort();
	if (r == CLM_NORM_REPAIRED) {
		o2 = (struct clm_norm_out){ b2, o1.len + CLM_NORM_SLACK, 0, 0,
		    NULL };
		if (clm_norm_value(k, b1, o1.len, &ctx, &o2) !=
		    CLM_NORM_UNCHANGED || strcmp(b1, b2) != 0)
			abort();
	}
	if (memchr(in, '\0', len) == NULL) {
		const char *to;

		o2 = (struct clm_norm_out){ b2, cap, 0, 0, NULL };
		clm_norm_date_range(in, len, ctx.today, &o2, &to);
		check_procmods(in);
	}
	free(in);
	free(b1);
	free(b2);
	return 0;
}
