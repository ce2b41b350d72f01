/* The floor for every CSV tool here: libcsv's raw parse of a file, counting
 * fields and rows, reading through zlib as the tools do. */
#include <stdio.h>
#include <stdlib.h>
#include <zlib.h>

#include <csv.h>

static unsigned long fields, rows;

static void
on_field(void *s, size_t len, void *data)
{
	(void)s;
	(void)len;
	(void)data;
	fields++;
}

static void
on_row(int c, void *data)
{
	(void)c;
	(void)data;
	rows++;
}

int
main(int argc, char **argv)
{
	static char buf[64 * 1024];
	struct csv_parser p;
	gzFile in;
	int n;

	if (argc != 2 || (in = gzopen(argv[1], "rb")) == NULL) {
		fprintf(stderr, "usage: csvraw FILE\n");
		return 2;
	}
	csv_init(&p, 0);
	while ((n = gzread(in, buf, sizeof(buf))) > 0)
		csv_parse(&p, buf, (size_t)n, on_field, on_row, NULL);
	csv_fini(&p, on_field, on_row, NULL);
	csv_free(&p);
	gzclose(in);
	printf("%lu rows %lu fields\n", rows, fields);
	return 0;
}
