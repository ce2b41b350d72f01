/*
 * make bench helper: the X12 837P reader alone (lib/x12/clm_x12in), every claim
 * read and dropped, so the bench can tell reading from writing records.
 */
#include <stdio.h>

#include "clm_x12in.h"

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
	struct clm_x12in *x;
	struct clm_x12in_claim *c;
	struct clm_error err;
	long n = 0;
	int rc;

	if (fp == NULL)
		return 2;
	x = clm_x12in_open(read_file, fp, argv[1]);
	while ((rc = clm_x12in_next(x, &c, &err)) > 0)
		n++;
	clm_x12in_close(x);
	fclose(fp);
	printf("%ld claims\n", n);
	return rc < 0 ? 2 : 0;
}
