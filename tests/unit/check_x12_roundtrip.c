/*
 * Round trip between the X12 writer and reader, through the built tools:
 * every golden record file of clm-emit-837 (testdata/emit-837/ * /in.csv)
 * emitted and parsed back gives its records again, and every hand-written
 * 837P of testdata/parse-x12 parsed, emitted and parsed again gives the
 * same records.  "The same" allows exactly what the 837P itself cannot
 * carry or what the writer derives by rule (see same_value).  Skips when
 * clm-emit-837 is not built.  Claims the writer holds back are not
 * compared (their rejection is the emit tests' business).
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "clm_csv.h"
#include "clm_io.h"
#include "clm_record.h"

static char bindir[1024];
static char scratch[64];

struct table {
	struct clm_header *h;
	struct clm_row **rows;
	size_t n;
};

static int
load(const char *path, struct table *t)
{
	struct clm_error err;
	struct clm_in *in = clm_in_open(path, &err);
	struct clm_csv *csv;
	struct clm_row *row = clm_row_new();
	int first = 1;

	memset(t, 0, sizeof(*t));
	t->h = clm_header_new();
	if (in == NULL) {
		clm_row_free(row);
		return -1;
	}
	csv = clm_csv_open(in, ',');
	while (clm_csv_next(csv, row, &err) > 0) {
		if (first) {
			for (size_t i = 0; i < row->n; i++)
				clm_header_add(t->h, clm_row_value(row, i));
			first = 0;
			continue;
		}
		t->rows = realloc(t->rows, (t->n + 1) * sizeof(*t->rows));
		t->rows[t->n] = clm_row_new();
		clm_row_copy(t->rows[t->n++], row);
	}
	clm_row_free(row);
	clm_csv_close(csv);
	clm_in_close(in);
	return 0;
}

static void
table_free(struct table *t)
{
	for (size_t i = 0; i < t->n; i++)
		clm_row_free(t->rows[i]);
	free(t->rows);
	clm_header_free(t->h);
}

static const char *
get(const struct table *t, const struct clm_row *r, enum clm_column c)
{
	return clm_row_get(r, t->h, c);
}

static const struct clm_row *
find(const struct table *t, const char *id, const char *line)
{
	for (size_t i = 0; i < t->n; i++)
		if (strcmp(get(t, t->rows[i], CLM_COL_CLAIM_ID), id) == 0 &&
		    strcmp(get(t, t->rows[i], CLM_COL_LINE_NO), line) == 0)
			return t->rows[i];
	return NULL;
}

static int
empty_or(const char *want, const char *got, const char *dflt)
{
	return strcmp(want, got) == 0 ||
	    (want[0] == '\0' && strcmp(got, dflt) == 0);
}

/*
 * Equal, or different only as the 837P rules make it: defaults the writer
 * spells out, values derived by rule (CLM02 is the sum of the lines, the
 * partner file's contact), and values the TR3 forbids in that situation
 * (subscriber DMG, N3 and N4 for a dependent, SBR04 with a group number, a
 * rendering provider equal to the billing or claim one, RD8 of one day,
 * the claim-level adjudication date when the lines carry theirs).
 */
static int
same_value(enum clm_column c, const struct table *wt,
    const struct clm_row *w, const char *want, const char *got)
{
	const char *rel = get(wt, w, CLM_COL_PAT_REL), *line_npi;

	switch (c) {
	case CLM_COL_BILL_ENTITY:
		return empty_or(want, got, "2");
	case CLM_COL_BILL_TIN_TYPE:
		return empty_or(want, got, "EI");
	case CLM_COL_UNIT_TYPE:
		return empty_or(want, got, "UN");
	case CLM_COL_PAT_REL:
		return empty_or(want, got, "18");
	case CLM_COL_DOS_TO:
		return strcmp(want, got) == 0 || (got[0] == '\0' &&
		    strcmp(want, get(wt, w, CLM_COL_DOS_FROM)) == 0);
	case CLM_COL_SUB_DOB:
	case CLM_COL_SUB_SEX:
	case CLM_COL_SUB_ADDR1:
	case CLM_COL_SUB_ADDR2:
	case CLM_COL_SUB_CITY:
	case CLM_COL_SUB_STATE:
	case CLM_COL_SUB_ZIP:
		return strcmp(want, got) == 0 || (got[0] == '\0' &&
		    rel[0] != '\0' && strcmp(rel, "18") != 0);
	case CLM_COL_SUB_GROUP_NAME:
		return strcmp(want, got) == 0 || (got[0] == '\0' &&
		    get(wt, w, CLM_COL_SUB_GROUP)[0] != '\0');
	case CLM_COL_REND_NPI:
	case CLM_COL_REND_LAST:
	case CLM_COL_REND_FIRST:
	case CLM_COL_REND_TAXONOMY:
		return strcmp(want, got) == 0 || (got[0] == '\0' &&
		    strcmp(get(wt, w, CLM_COL_REND_NPI),
		    get(wt, w, CLM_COL_BILL_NPI)) == 0);
	case CLM_COL_LINE_REND_NPI:
	case CLM_COL_LINE_REND_LAST:
	case CLM_COL_LINE_REND_FIRST:
		/* 2420A only when the line's provider differs from the
		 * claim's ("if not required, do not send") */
		line_npi = get(wt, w, CLM_COL_LINE_REND_NPI);
		return strcmp(want, got) == 0 || (got[0] == '\0' &&
		    (strcmp(line_npi, get(wt, w, CLM_COL_REND_NPI)) == 0 ||
		    strcmp(line_npi, get(wt, w, CLM_COL_BILL_NPI)) == 0));
	case CLM_COL_OTH_PAID_DATE:	/* not at both levels (2330B, 2430) */
		return strcmp(want, got) == 0 || (got[0] == '\0' &&
		    get(wt, w, CLM_COL_LINE_OTH_DATE)[0] != '\0');
	case CLM_COL_TOTAL_CHARGE:
	case CLM_COL_BILL_CONTACT:
	case CLM_COL_BILL_PHONE:
		return 1;
	default:
		return strcmp(want, got) == 0;
	}
}

/* Compare got against want; returns rows compared, fails on a mismatch. */
static size_t
compare(const char *name, const struct table *want, const struct table *got)
{
	size_t compared = 0;

	for (size_t i = 0; i < want->n; i++) {
		const struct clm_row *w = want->rows[i];
		const struct clm_row *g = find(got,
		    get(want, w, CLM_COL_CLAIM_ID),
		    get(want, w, CLM_COL_LINE_NO));

		if (g == NULL)
			continue;
		compared++;
		for (int c = 0; c < CLM_COL_STATUS; c++) {
			const char *wv = get(want, w, c), *gv = get(got, g, c);

			if (want->h->canon[c] < 0)
				continue;
			ck_assert_msg(same_value(c, want, w, wv, gv),
			    "%s: claim %s line %s: %s is '%s' after the round "
			    "trip, '%s' before", name,
			    get(want, w, CLM_COL_CLAIM_ID),
			    get(want, w, CLM_COL_LINE_NO), clm_column_name(c),
			    gv, wv);
		}
	}
	return compared;
}

static int
have_tools(void)
{
	char p[1100];

	if (snprintf(p, sizeof(p), "%s/clm-emit-837", bindir) >= (int)sizeof(p))
		return 0;
	if (access(p, X_OK) != 0) {
		printf("note: clm-emit-837 not built: round trip skipped\n");
		return 0;
	}
	return 1;
}

/* emit records (a CSV) and parse the result into out.csv; 0 if written. */
static int
emit_parse(const char *records, const char *out)
{
	char cmd[8192];

	if (snprintf(cmd, sizeof(cmd), "rm -f %s/b.837 && CLM_TODAY=20261127 "
	    "CLM_TIME=1200 %s/clm-emit-837 -q --partner "
	    "testdata/partner-sample.conf --state %s/state -o %s/b.837 %s "
	    ">/dev/null 2>&1; test -f %s/b.837 && %s/clm-parse -q %s/b.837 "
	    ">%s 2>/dev/null; test -s %s", scratch, bindir, scratch, scratch,
	    records, scratch, bindir, scratch, out, out) >= (int)sizeof(cmd))
		return -1;
	return system(cmd) == 0 ? 0 : -1;
}

static size_t
roundtrip_records(const char *records, const char *name)
{
	size_t n;
	char out[128];
	struct table want, got;

	if (snprintf(out, sizeof(out), "%s/c.csv", scratch) >= (int)sizeof(out))
		return 0;
	if (emit_parse(records, out) < 0)
		return 0;	/* every claim held back: nothing to compare */
	ck_assert_int_eq(load(records, &want), 0);
	ck_assert_int_eq(load(out, &got), 0);
	n = compare(name, &want, &got);
	table_free(&want);
	table_free(&got);
	return n;
}

START_TEST(test_emit_golden_records)
{
	FILE *ls;
	char path[1024];
	size_t n = 0, rows = 0;

	if (!have_tools())
		return;
	ls = popen("ls testdata/emit-837/*/in.csv 2>/dev/null", "r");
	ck_assert_ptr_nonnull(ls);
	while (fgets(path, sizeof(path), ls) != NULL) {
		path[strcspn(path, "\n")] = '\0';
		rows += roundtrip_records(path, path);
		n++;
	}
	pclose(ls);
	ck_assert_msg(n > 0, "no golden record files found");
	ck_assert_msg(rows > 100, "only %zu rows came back", rows);
}
END_TEST

START_TEST(test_parse_emit_parse)
{
	FILE *ls;
	char path[1024], first[128], cmd[4096];
	size_t rows;

	if (!have_tools())
		return;
	if (snprintf(first, sizeof(first), "%s/a.csv", scratch) >=
	    (int)sizeof(first))
		return;
	/* all of these the emitter accepts in full, and every claim must
	 * come back */
	ls = popen("ls testdata/parse-x12/000[1-5]*/*.837 "
	    "testdata/parse-x12/0015*/*.837", "r");
	ck_assert_ptr_nonnull(ls);
	while (fgets(path, sizeof(path), ls) != NULL) {
		path[strcspn(path, "\n")] = '\0';
		ck_assert_int_lt(snprintf(cmd, sizeof(cmd), "%s/clm-parse -q "
		    "%s >%s 2>/dev/null", bindir, path, first),
		    (int)sizeof(cmd));
		ck_assert_int_eq(system(cmd), 0);
		rows = roundtrip_records(first, path);
		ck_assert_msg(rows > 0, "%s: no claim came back", path);
	}
	pclose(ls);
}
END_TEST

int
main(int argc, char **argv)
{
	Suite *s = suite_create("x12_roundtrip");
	TCase *tc = tcase_create("core");
	SRunner *sr;
	char *slash;
	int failed;

	(void)argc;
	if (snprintf(bindir, sizeof(bindir), "%s", argv[0]) >=
	    (int)sizeof(bindir) - 8)
		return EXIT_FAILURE;
	slash = strrchr(bindir, '/');
	if (slash != NULL)
		*slash = '\0';
	else
		snprintf(bindir, sizeof(bindir), ".");
	strncat(bindir, "/../bin", sizeof(bindir) - strlen(bindir) - 1);
	snprintf(scratch, sizeof(scratch), "/tmp/clm-rt-XXXXXX");
	if (mkdtemp(scratch) == NULL)
		return EXIT_FAILURE;
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_emit_golden_records);
	tcase_add_test(tc, test_parse_emit_parse);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	if (snprintf(bindir, sizeof(bindir), "rm -rf %s", scratch) <
	    (int)sizeof(bindir) && system(bindir) != 0)
		failed++;
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
