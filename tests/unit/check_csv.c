#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clm_csv.h"
#include "clm_io.h"
#include "helper_test.h"

START_TEST(test_lines_quotes_blank)
{
	struct clm_csv *csv = helper_csv_string(
	    "\xEF\xBB\xBF" "a,b\r\n\r\n1,\"x\ny\"\r\n\n2, sp \n", ',');
	struct clm_row *row = clm_row_new();
	struct clm_error err;

	ck_assert_int_eq(clm_csv_next(csv, row, &err), 1);
	ck_assert_str_eq(clm_row_value(row, 0), "a");	/* BOM dropped */
	ck_assert_int_eq(row->line, 1);
	ck_assert_int_eq(clm_csv_next(csv, row, &err), 1);
	ck_assert_int_eq(row->line, 3);
	ck_assert_str_eq(clm_row_value(row, 1), "x\ny");
	ck_assert_int_eq(clm_csv_next(csv, row, &err), 1);
	ck_assert_int_eq(row->line, 6);		/* after the embedded LF */
	ck_assert_str_eq(clm_row_value(row, 1), "sp");	/* libcsv trims */
	ck_assert_int_eq(clm_csv_next(csv, row, &err), 0);
	clm_row_free(row);
	clm_csv_close(csv);
}
END_TEST

START_TEST(test_tsv)
{
	struct clm_csv *csv = helper_csv_string("a\tb,c\n1\t2\n", '\t');
	struct clm_row *row = clm_row_new();
	struct clm_error err;

	ck_assert_int_eq(clm_csv_next(csv, row, &err), 1);
	ck_assert_uint_eq(row->n, 2);
	ck_assert_str_eq(clm_row_value(row, 1), "b,c");
	clm_row_free(row);
	clm_csv_close(csv);
}
END_TEST

/* Tab is the delimiter, not a blank: empty values survive; spaces trim. */
START_TEST(test_tsv_blanks)
{
	struct clm_csv *csv = helper_csv_string("\t\tx\t y \t\n", '\t');
	struct clm_row *row = clm_row_new();
	struct clm_error err;

	ck_assert_int_eq(clm_csv_next(csv, row, &err), 1);
	ck_assert_uint_eq(row->n, 5);
	ck_assert_str_eq(clm_row_value(row, 1), "");
	ck_assert_str_eq(clm_row_value(row, 2), "x");
	ck_assert_str_eq(clm_row_value(row, 3), "y");
	ck_assert_str_eq(clm_row_value(row, 4), "");
	clm_row_free(row);
	clm_csv_close(csv);
}
END_TEST

/* Values with blanks at either end are quoted, so they read back whole. */
START_TEST(test_blanks_round_trip)
{
	static const char *vals[] = { " a", "b\t", "c d", "", "\t", "e" };
	char *dir = helper_tmpdir(), path[512], *text;
	struct clm_header *h = clm_header_new();
	struct clm_row *row = clm_row_new();
	struct clm_out *out;
	struct clm_csv *csv;
	struct clm_error err;
	size_t n = sizeof(vals) / sizeof(vals[0]);

	snprintf(path, sizeof(path), "%s/rows.csv", dir);
	for (size_t i = 0; i < n; i++) {
		clm_header_add(h, i == 0 ? "claim_id" : vals[i][0] ? "x" : "y");
		clm_row_push(row, vals[i], strlen(vals[i]));
	}
	out = clm_out_open(path, &err);
	ck_assert_ptr_nonnull(out);
	ck_assert_int_eq(clm_record_write_row(out, h, row, &err), 0);
	ck_assert_int_eq(clm_out_commit(out, &err), 0);
	clm_out_close(out);
	text = helper_slurp(path, NULL);
	ck_assert_str_eq(text, "\" a\",\"b\t\",c d,,\"\t\",e\n");
	csv = helper_csv_string(text, ',');
	ck_assert_int_eq(clm_csv_next(csv, row, &err), 1);
	ck_assert_uint_eq(row->n, n);
	for (size_t i = 0; i < n; i++)
		ck_assert_str_eq(clm_row_value(row, i), vals[i]);
	clm_csv_close(csv);
	free(text);
	clm_row_free(row);
	clm_header_free(h);
	helper_rmtree(dir);
	free(dir);
}
END_TEST

/* A file of many rows (blank lines, quoted line ends), then text. */
static char *
write_rows(const char *dir, int nrows, const char *tail)
{
	static char path[512];
	FILE *fp;

	snprintf(path, sizeof(path), "%s/rows.csv", dir);
	fp = fopen(path, "w");
	ck_assert_ptr_nonnull(fp);
	fputs("a,b,c\n", fp);
	for (int i = 0; i < nrows; i++)
		fprintf(fp, i % 97 == 0 ? "%d,\"x\ny\",z\n\n" : "%d,v%d,w\n",
		    i, i);
	fputs(tail, fp);
	fclose(fp);
	return path;
}

/* Reads path twice, on demand and ahead (after the first row): the
 * same rows, lines and final result. */
static int
compare_readers(const char *path, int close_early)
{
	struct clm_error e1, e2;
	struct clm_in *in1 = clm_in_open(path, &e1), *in2 = clm_in_open(path,
	    &e2);
	struct clm_csv *c1 = clm_csv_open(in1, ','), *c2 = clm_csv_open(in2,
	    ',');
	struct clm_row *r1 = clm_row_new(), *r2 = clm_row_new();
	int rc1, rc2, n = 0;

	ck_assert_int_eq(clm_csv_next(c2, r2, &e2), 1);
	ck_assert_int_eq(clm_csv_readahead(c2), 0);
	ck_assert_int_eq(clm_csv_next(c1, r1, &e1), 1);
	do {
		rc1 = clm_csv_next(c1, r1, &e1);
		rc2 = clm_csv_next(c2, r2, &e2);
		ck_assert_int_eq(rc1, rc2);
		if (rc1 < 0) {
			ck_assert_int_eq(e1.line, e2.line);
			ck_assert_str_eq(e1.msg, e2.msg);
		}
		if (rc1 <= 0)
			break;
		ck_assert_int_eq(r1->line, r2->line);
		ck_assert_uint_eq(r1->n, r2->n);
		for (size_t i = 0; i < r1->n; i++)
			ck_assert_str_eq(clm_row_value(r1, i),
			    clm_row_value(r2, i));
	} while (!(close_early && ++n == 100));
	clm_row_free(r1);
	clm_row_free(r2);
	clm_csv_close(c1);
	clm_csv_close(c2);	/* stops the reader if still running */
	clm_in_close(in1);
	clm_in_close(in2);
	return rc1;
}

START_TEST(test_readahead_same_rows)
{
	char *dir = helper_tmpdir();
	char *big = malloc(CLM_CSV_MAX_FIELD + 16);

	ck_assert_int_eq(compare_readers(write_rows(dir, 20000, ""), 0), 0);
	ck_assert_int_eq(compare_readers(write_rows(dir, 20000, ""), 1), 1);
	memset(big, 'x', CLM_CSV_MAX_FIELD + 10);
	big[CLM_CSV_MAX_FIELD + 10] = '\0';
	ck_assert_int_eq(compare_readers(write_rows(dir, 5000, big), 0),
	    -CLM_ELIMIT);
	free(big);
	helper_rmtree(dir);
	free(dir);
}
END_TEST

START_TEST(test_field_ceiling)
{
	size_t big = CLM_CSV_MAX_FIELD + 10;
	char *text = malloc(big + 16);
	struct clm_csv *csv;
	struct clm_row *row = clm_row_new();
	struct clm_error err;
	int rc;

	strcpy(text, "a\n\"");
	memset(text + 3, 'x', big);
	strcpy(text + 3 + big, "\"\n");
	csv = helper_csv_string(text, ',');
	ck_assert_int_eq(clm_csv_next(csv, row, &err), 1);
	clm_error_clear(&err);
	rc = clm_csv_next(csv, row, &err);
	ck_assert_int_eq(rc, -CLM_ELIMIT);
	ck_assert_int_eq(err.line, 2);
	ck_assert_ptr_nonnull(strstr(err.msg, "longer than"));
	clm_row_free(row);
	clm_csv_close(csv);
	free(text);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("csv");
	TCase *tc = tcase_create("core");
	SRunner *sr;
	int failed;

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_lines_quotes_blank);
	tcase_add_test(tc, test_tsv);
	tcase_add_test(tc, test_tsv_blanks);
	tcase_add_test(tc, test_blanks_round_trip);
	tcase_add_test(tc, test_readahead_same_rows);
	tcase_add_test(tc, test_field_ceiling);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? 0 : 1;
}
