/* pngcount FILE RRGGBB: how many pixels of a PNG screenshot have about that
 * colour (8-bit RGB or RGBA, not interlaced: what Chromium writes).  For
 * tests/lint/run-report-html.sh: the charts were drawn.  Exit 2 when the
 * file is not such a PNG. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

static unsigned long
be32(const unsigned char *p)
{
	return (unsigned long)p[0] << 24 | (unsigned long)p[1] << 16 |
	    (unsigned long)p[2] << 8 | p[3];
}

static int
paeth(int a, int b, int c)
{
	int p = a + b - c, pa = abs(p - a), pb = abs(p - b), pc = abs(p - c);

	return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

int
main(int argc, char **argv)
{
	FILE *fp;
	unsigned char *file, *idat = NULL, *raw;
	long size;
	size_t nidat = 0, pos = 8;
	unsigned long w = 0, h = 0, want, count = 0;
	int bpp = 0;
	uLongf rawlen;

	if (argc != 3 || (fp = fopen(argv[1], "rb")) == NULL)
		return 2;
	want = strtoul(argv[2], NULL, 16);
	fseek(fp, 0, SEEK_END);
	size = ftell(fp);
	rewind(fp);
	file = malloc((size_t)size);
	if (file == NULL || fread(file, 1, (size_t)size, fp) != (size_t)size ||
	    size < 8 || memcmp(file, "\211PNG\r\n\032\n", 8) != 0)
		return 2;
	fclose(fp);
	while (pos + 12 <= (size_t)size) {
		unsigned long len = be32(file + pos);
		const unsigned char *type = file + pos + 4, *d = file + pos + 8;

		if (pos + 12 + len > (size_t)size)
			return 2;
		if (memcmp(type, "IHDR", 4) == 0) {
			w = be32(d);
			h = be32(d + 4);
			if (d[8] != 8 || d[12] != 0 || (d[9] != 2 && d[9] != 6))
				return 2;
			bpp = d[9] == 2 ? 3 : 4;
		} else if (memcmp(type, "IDAT", 4) == 0) {
			idat = realloc(idat, nidat + len);
			memcpy(idat + nidat, d, len);
			nidat += len;
		}
		pos += 12 + len;
	}
	if (w == 0 || h == 0 || bpp == 0 || w > 20000 || h > 40000)
		return 2;
	rawlen = (uLongf)(h * (w * (unsigned long)bpp + 1));
	raw = malloc(rawlen);
	if (raw == NULL || uncompress(raw, &rawlen, idat, nidat) != Z_OK)
		return 2;
	for (unsigned long y = 0; y < h; y++) {
		unsigned char *row = raw + y * (w * (unsigned long)bpp + 1);
		unsigned char *prev = y > 0 ? row - (w * (unsigned long)bpp + 1) :
		    NULL;
		int f = row[0];

		row++;
		if (prev != NULL)
			prev++;
		for (unsigned long i = 0; i < w * (unsigned long)bpp; i++) {
			int a = i >= (unsigned long)bpp ? row[i - bpp] : 0;
			int b = prev ? prev[i] : 0;
			int c = prev && i >= (unsigned long)bpp ? prev[i - bpp] : 0;

			row[i] = (unsigned char)(row[i] + (f == 1 ? a : f == 2 ?
			    b : f == 3 ? (a + b) / 2 : f == 4 ? paeth(a, b, c) :
			    0));
		}
		for (unsigned long x = 0; x < w; x++) {
			unsigned char *px = row + x * (unsigned long)bpp;
			int dr = abs(px[0] - (int)(want >> 16 & 255));
			int dg = abs(px[1] - (int)(want >> 8 & 255));
			int db = abs(px[2] - (int)(want & 255));

			count += dr < 24 && dg < 24 && db < 24;
		}
	}
	printf("%lu\n", count);
	return 0;
}
