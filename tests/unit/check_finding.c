#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "clm_finding.h"

static struct clm_claim
two_line_claim(struct clm_header *h)
{
	struct clm_claim c;

	clm_header_add(h, "claim_id");
	clm_header_add(h, "line_no");
	clm_header_ensure(h, CLM_COL_STATUS);
	clm_header_ensure(h, CLM_COL_EDITS);
	clm_claim_init(&c);
	for (int i = 1; i <= 2; i++) {
		struct clm_row *r = clm_row_new();

		clm_row_push(r, "C1", 2);
		clm_row_push(r, i == 1 ? "1" : "2", 1);
		clm_claim_append(&c, r);
	}
	return c;
}

START_TEST(test_catalogue)
{
	int i = clm_edit_lookup("REQUIRED-MISSING");

	ck_assert_int_eq(i, CLM_EDIT_REQUIRED_MISSING);
	ck_assert_int_eq(clm_edit_info(i)->severity, CLM_SEV_ERROR);
	ck_assert_int_eq(clm_edit_lookup("NO-SUCH-EDIT"), -1);
}
END_TEST

START_TEST(test_apply_status_and_edits)
{
	struct clm_header *h = clm_header_new();
	struct clm_claim c = two_line_claim(h);
	struct clm_findings f;

	clm_findings_init(&f);
	clm_finding_add_custom(&f, "W-ONE", CLM_SEV_WARNING, 2, "proc", "w");
	clm_finding_add_custom(&f, "W-ONE", CLM_SEV_WARNING, 2, "proc", "w");
	clm_finding_add_custom(&f, "I-CLAIM", CLM_SEV_INFO, 0, "", "i");
	ck_assert_int_eq(clm_claim_apply(&c, h, &f, 0), CLM_STATUS_WARN);
	ck_assert_str_eq(clm_row_get(c.rows[0], h, CLM_COL_EDITS), "I-CLAIM");
	ck_assert_str_eq(clm_row_get(c.rows[1], h, CLM_COL_EDITS),
	    "W-ONE;I-CLAIM");
	ck_assert_str_eq(clm_row_get(c.rows[1], h, CLM_COL_STATUS), "warn");
	/* strict: warnings hold the claim back */
	ck_assert_int_eq(clm_claim_apply(&c, h, &f, 1), CLM_STATUS_REJECT);
	/* an incoming reject is never downgraded */
	clm_findings_clear(&f);
	ck_assert_int_eq(clm_claim_apply(&c, h, &f, 0), CLM_STATUS_REJECT);
	clm_findings_free(&f);
	clm_claim_free(&c);
	clm_header_free(h);
}
END_TEST

START_TEST(test_format)
{
	struct clm_findings f;
	char buf[256];

	clm_findings_init(&f);
	clm_finding_add(&f, CLM_EDIT_REQUIRED_MISSING, 3, "sub_id",
	    "sub_id is empty");
	clm_finding_format(buf, sizeof(buf), "in.csv", 7, "C9", &f.v[0]);
	ck_assert_str_eq(buf, "in.csv:7: error: [REQUIRED-MISSING] claim C9 "
	    "line 3 sub_id: sub_id is empty");
	clm_findings_free(&f);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("finding");
	TCase *tc = tcase_create("core");
	SRunner *sr;
	int failed;

	tcase_add_test(tc, test_catalogue);
	tcase_add_test(tc, test_apply_status_and_edits);
	tcase_add_test(tc, test_format);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? 0 : 1;
}
