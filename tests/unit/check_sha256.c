#include <check.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "clm_sha256.h"

static void
digest(const char *msg, size_t n, char out[65])
{
	struct clm_sha256 s;

	clm_sha256_init(&s);
	clm_sha256_update(&s, msg, n);
	clm_sha256_hex(&s, out);
}

/* The FIPS 180-4 / NIST CSRC example vectors. */
START_TEST(test_vectors)
{
	char d[65];
	const char *m448 = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnop"
	    "nopq";
	const char *m896 = "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijk"
	    "lmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu";

	digest("", 0, d);
	ck_assert_str_eq(d, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca"
	    "495991b7852b855");
	digest("abc", 3, d);
	ck_assert_str_eq(d, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb"
	    "410ff61f20015ad");
	digest(m448, strlen(m448), d);
	ck_assert_str_eq(d, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f"
	    "6ecedd419db06c1");
	digest(m896, strlen(m896), d);
	ck_assert_str_eq(d, "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51a"
	    "fac45037afee9d1");
}
END_TEST

/* One million 'a', fed in uneven pieces (the buffering across blocks). */
START_TEST(test_million_a)
{
	struct clm_sha256 s;
	char chunk[997], d[65];
	size_t left = 1000000;

	memset(chunk, 'a', sizeof(chunk));
	clm_sha256_init(&s);
	while (left > 0) {
		size_t n = left < sizeof(chunk) ? left : sizeof(chunk);

		clm_sha256_update(&s, chunk, n);
		left -= n;
	}
	clm_sha256_hex(&s, d);
	ck_assert_str_eq(d, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e0"
	    "46d39ccc7112cd0");
}
END_TEST

START_TEST(test_file)
{
	char path[] = "/tmp/clm-sha256-XXXXXX", d[65];
	struct clm_error err;
	long long size;
	int fd = mkstemp(path);

	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(write(fd, "abc", 3), 3);
	close(fd);
	clm_error_clear(&err);
	ck_assert_int_eq(clm_sha256_file(path, d, &size, &err), 0);
	ck_assert_int_eq(size, 3);
	ck_assert_str_eq(d, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb"
	    "410ff61f20015ad");
	unlink(path);
	ck_assert_int_lt(clm_sha256_file(path, d, &size, &err), 0);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("sha256");
	TCase *tc = tcase_create("core");
	SRunner *sr;
	int failed;

	tcase_add_test(tc, test_vectors);
	tcase_add_test(tc, test_million_a);
	tcase_add_test(tc, test_file);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
