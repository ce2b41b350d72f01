/*
 * make bench helper: the response reader alone (lib/x12/clm_resp), every
 * item read and dropped, to set beside the 837P reader's x12raw.
 */
#include <stdio.h>

#include "clm_resp.h"

static long
read_file(void *ctx, void *buf, size_t size, struct clm_error *err)
{
	size_t n = fread(buf, 1, size, ctx);

	(void)err;
	return ferror((FILE *)ctx) ? -CLM_EIO : (long)n;
}

int
main(int argc, char **argv)
{
	FILE *fp = argc > 1 ? fopen(argv[1], "rb") : NULL;
	struct clm_resp *r;
	struct clm_resp_item *it;
	struct clm_error err;
	long n = 0;
	int rc;

	if (fp == NULL)
		return 2;
	r = clm_resp_open(read_file, fp, argv[1]);
	while ((rc = clm_resp_next(r, &it, &err)) > 0)
		n++;
	clm_resp_close(r);
	fclose(fp);
	printf("%ld items\n", n);
	return rc < 0 ? 2 : 0;
}
