#include <check.h>
#include <string.h>

#include "clm_enc.h"

static enum clm_enc_verdict
check_str(const char *s, size_t *bad, struct clm_enc_utf8 *st)
{
	clm_enc_utf8_init(st);
	return clm_enc_utf8_check(st, (const unsigned char *)s, strlen(s),
	    bad);
}

START_TEST(test_ascii_and_utf8)
{
	struct clm_enc_utf8 st;
	size_t bad = 99;

	ck_assert_int_eq(check_str("plain ascii, long enough to use words",
	    &bad, &st), CLM_ENC_ASCII);
	ck_assert_int_eq(check_str("M\xC3\xBCller \xE2\x82\xAC \xF0\x9F\x98\x80",
	    &bad, &st), CLM_ENC_UTF8);
	ck_assert_uint_eq(st.need, 0);
}
END_TEST

START_TEST(test_invalid_and_nul)
{
	struct clm_enc_utf8 st;
	size_t bad = 99;
	const unsigned char nul[] = { 'a', 'b', 0, 'c' };

	ck_assert_int_eq(check_str("Pe\xF1" "a", &bad, &st), CLM_ENC_INVALID);
	ck_assert_uint_eq(bad, 2);	/* the lead byte of the broken sequence */
	ck_assert_int_eq(check_str("\xC0\xAF", &bad, &st), CLM_ENC_INVALID);
	ck_assert_int_eq(check_str("\xED\xA0\x80", &bad, &st),
	    CLM_ENC_INVALID);	/* a surrogate */
	ck_assert_int_eq(check_str("\xF4\x90\x80\x80", &bad, &st),
	    CLM_ENC_INVALID);	/* past U+10FFFF */
	ck_assert_int_eq(check_str("ok \x80", &bad, &st), CLM_ENC_INVALID);
	ck_assert_uint_eq(bad, 3);
	clm_enc_utf8_init(&st);
	ck_assert_int_eq(clm_enc_utf8_check(&st, nul, sizeof(nul), &bad),
	    CLM_ENC_NUL);
	ck_assert_uint_eq(bad, 2);
}
END_TEST

START_TEST(test_split_sequence)
{
	struct clm_enc_utf8 st;
	size_t bad;
	const unsigned char a[] = { 'x', 0xE2, 0x82 }, b[] = { 0xAC, 'y' };

	clm_enc_utf8_init(&st);
	ck_assert_int_eq(clm_enc_utf8_check(&st, a, sizeof(a), &bad),
	    CLM_ENC_ASCII);
	ck_assert_uint_eq(st.need, 1);
	ck_assert_uint_eq(st.seen, 1);
	ck_assert_int_eq(clm_enc_utf8_check(&st, b, sizeof(b), &bad),
	    CLM_ENC_UTF8);
	ck_assert_uint_eq(st.need, 0);
}
END_TEST

START_TEST(test_cp1252)
{
	const unsigned char in[] = { 'c', 'a', 'f', 0xE9, ' ', 0x80, 0x93,
		0x94, 0x81 };
	unsigned char out[64];
	size_t outlen, used;

	used = clm_enc_cp1252_to_utf8(in, sizeof(in), out, sizeof(out),
	    &outlen);
	ck_assert_uint_eq(used, sizeof(in));
	out[outlen] = 0;
	ck_assert_str_eq((char *)out, "caf\xC3\xA9 \xE2\x82\xAC\xE2\x80\x9C"
	    "\xE2\x80\x9D\xC2\x81");
	/* stops while a character would not fit */
	used = clm_enc_cp1252_to_utf8(in, sizeof(in), out, 5, &outlen);
	ck_assert_uint_eq(used, 3);
	ck_assert_uint_eq(outlen, 3);
}
END_TEST

START_TEST(test_count_lines)
{
	ck_assert_uint_eq(clm_enc_count_lines((const unsigned char *)
	    "a\nb\r\n\nc", 7), 3);
	ck_assert_uint_eq(clm_enc_count_lines((const unsigned char *)"", 0),
	    0);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("enc");
	TCase *tc = tcase_create("core");
	SRunner *sr;
	int failed;

	tcase_add_test(tc, test_ascii_and_utf8);
	tcase_add_test(tc, test_invalid_and_nul);
	tcase_add_test(tc, test_split_sequence);
	tcase_add_test(tc, test_cp1252);
	tcase_add_test(tc, test_count_lines);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? 0 : 1;
}
