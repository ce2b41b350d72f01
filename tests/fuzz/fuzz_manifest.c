/*
 * Fuzz the code-set manifest reader (clm_csb_manifest): lines of
 * "KIND PATH [FROM [TO [NAME...]]]", comments, dates and '-', each source
 * added in order, then the index written and read back.  The manifest is
 * written to a private folder that also holds a few tiny sources (a, b, m,
 * p, s); every '/' of the input becomes '_' so that a manifest names files
 * of that folder only (never /dev/zero or a FIFO elsewhere).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "clm_codeset.h"
#include "clm_codeset_build.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char dir[] = "/tmp/clm-fuzz-manifest.XXXXXX";
static const struct {
	const char *name, *text;
} sources[] = {
	{ "a", "F32A\t1\tDepression, unspecified\nF32\t0\tHeader\n"
	    "M54.50\t1\tLow back pain\t20211001\t\n" },
	{ "b", "G0151\t1\tTherapist services\t20200101\t20261231\n" },
	{ "m", "\"note\",,,\nHCPCS/CPT Code,Practitioner Services MUE Values,"
	    "MUE Adjudication Indicator,MUE Rationale\n97110,4,3 Date of "
	    "Service Edit: Clinical,x\n" },
	{ "p", "note\nColumn1\tColumn2\t*\tEffective Date\tDeletion Date\t"
	    "Modifier\tRationale\n97140\t97530\t\t20260701\t*\t1\tx\n" },
	{ "s", "# pos\n11\t1\tOffice\n02\t1\tTelehealth\t20160101\t\n" },
};

static void
cleanup(void)
{
	char path[sizeof(dir) + 8];

	for (size_t i = 0; i < sizeof(sources) / sizeof(sources[0]); i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, sources[i].name);
		unlink(path);
	}
	snprintf(path, sizeof(path), "%s/M", dir);
	unlink(path);
	rmdir(dir);
}

static void
setup(void)
{
	static int done;
	char path[sizeof(dir) + 8];

	if (done++)
		return;
	if (mkdtemp(dir) == NULL)
		abort();
	atexit(cleanup);
	for (size_t i = 0; i < sizeof(sources) / sizeof(sources[0]); i++) {
		FILE *fp;

		snprintf(path, sizeof(path), "%s/%s", dir, sources[i].name);
		fp = fopen(path, "w");
		if (fp == NULL || fputs(sources[i].text, fp) < 0 ||
		    fclose(fp) != 0)
			abort();
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char path[sizeof(dir) + 8];
	struct clm_csb *b;
	struct clm_error err;
	unsigned char *img;
	size_t len;
	char *text;
	FILE *fp;

	setup();
	text = malloc(size + 1);
	if (text == NULL)
		abort();
	for (size_t i = 0; i < size; i++)
		text[i] = data[i] == '/' ? '_' : (char)data[i];
	snprintf(path, sizeof(path), "%s/M", dir);
	fp = fopen(path, "w");
	if (fp == NULL || fwrite(text, 1, size, fp) != size || fclose(fp) != 0)
		abort();
	free(text);
	b = clm_csb_new();
	if (clm_csb_manifest(b, path, &err) == 0 &&
	    clm_csb_image(b, &img, &len, &err) == 0) {
		struct clm_codeset *cs = clm_codeset_open_mem(img, len, "fuzz",
		    &err);

		if (cs == NULL)
			abort();	/* the builder wrote what it cannot read */
		clm_codeset_lookup(cs, CLM_SYS_POS, "11", 20261127, NULL);
		clm_codeset_close(cs);
		free(img);
	}
	clm_csb_free(b);
	return 0;
}
