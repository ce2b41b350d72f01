#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "clm_partner.h"
#include "clm_x12.h"
#include "helper_test.h"

static const struct clm_x12_syntax syn = { '*', ':', '^', '~', "", 0 };

static char *
text(const struct clm_x12_writer *w)
{
	return clm_xstrndup(w->buf ? w->buf : "", w->len);
}

START_TEST(test_trailing_empties_trimmed)
{
	struct clm_x12_writer w;
	char *s;

	clm_x12_writer_init(&w, &syn);
	clm_x12_seg(&w, "NM1");
	clm_x12_el(&w, "85", NULL);
	clm_x12_el(&w, "2", NULL);
	clm_x12_el(&w, "ACME", NULL);
	clm_x12_skip(&w, 4);
	clm_x12_el(&w, "XX", NULL);
	clm_x12_el(&w, "", NULL);
	clm_x12_seg_end(&w);
	clm_x12_seg(&w, "SV1");
	clm_x12_comp_begin(&w);
	clm_x12_comp(&w, "HC", NULL);
	clm_x12_comp(&w, "97110", NULL);
	clm_x12_comp(&w, "", NULL);
	clm_x12_comp(&w, "59", NULL);
	clm_x12_comp(&w, "", NULL);
	clm_x12_el(&w, "100", NULL);
	clm_x12_comp_begin(&w);
	clm_x12_comp(&w, "", NULL);
	clm_x12_seg_end(&w);
	s = text(&w);
	ck_assert_str_eq(s, "NM1*85*2*ACME*****XX~SV1*HC:97110::59*100~");
	ck_assert_uint_eq(w.segs, 2);
	free(s);
	clm_x12_writer_free(&w);
}
END_TEST

static int bad_calls;

static void
count_bad(void *arg, enum clm_x12_bad why, const char *field, size_t pos)
{
	(void)arg;
	(void)field;
	ck_assert(why != CLM_X12_OK);
	ck_assert(pos >= 1);
	bad_calls++;
}

START_TEST(test_character_classes)
{
	struct clm_x12_writer w;
	struct clm_x12_syntax ext = syn;
	size_t pos;

	clm_x12_writer_init(&w, &syn);
	ck_assert_int_eq(clm_x12_check(&w, "O'BRIEN-SMITH", 13, NULL),
	    CLM_X12_OK);
	ck_assert_int_eq(clm_x12_check(&w, "AB*C", 4, &pos),
	    CLM_X12_BAD_DELIM);
	ck_assert_uint_eq(pos, 3);
	ck_assert_int_eq(clm_x12_check(&w, "a", 1, NULL), CLM_X12_BAD_CHARSET);
	ck_assert_int_eq(clm_x12_check(&w, "AB ", 3, &pos), CLM_X12_BAD_SPACE);
	ck_assert_uint_eq(pos, 3);
	ck_assert_int_eq(clm_x12_check(&w, " AB", 3, NULL), CLM_X12_OK);
	ck_assert_int_eq(clm_x12_check(&w, "A\tB", 3, NULL),
	    CLM_X12_BAD_DELIM);
	ck_assert_int_eq(clm_x12_check(&w, "\xc3\x91", 2, NULL),
	    CLM_X12_BAD_CHARSET);
	clm_x12_writer_free(&w);
	ext.extended = 1;
	clm_x12_writer_init(&w, &ext);
	ck_assert_int_eq(clm_x12_check(&w, "a@b#", 4, NULL), CLM_X12_OK);
	ck_assert_int_eq(clm_x12_check(&w, "a^b", 3, NULL), CLM_X12_BAD_DELIM);
	ck_assert_int_eq(clm_x12_check(&w, "\xc3\x91", 2, NULL),
	    CLM_X12_BAD_CHARSET);
	clm_x12_writer_free(&w);
}
END_TEST

static size_t
count_char(const char *s, size_t n, char c)
{
	size_t k = 0;

	for (size_t i = 0; i < n; i++)
		k += s[i] == c;
	return k;
}

/*
 * Property: whatever the values hold, the output has exactly the segments
 * and elements the writer was asked for; a value with a delimiter is
 * refused (reported), never written.
 */
START_TEST(test_property_values_never_make_segments)
{
	static const char alphabet[] = "AZ09 *~:^\n\r\t-.'a@";
	struct clm_x12_writer w;
	unsigned seed = 20261127;

	clm_x12_writer_init(&w, &syn);
	w.on_bad = count_bad;
	for (int round = 0; round < 2000; round++) {
		unsigned long refused;
		char v[5][12];

		clm_x12_reset(&w);
		bad_calls = 0;
		for (int i = 0; i < 5; i++) {
			size_t n = (size_t)(rand_r(&seed) % 11);

			for (size_t j = 0; j < n; j++)
				v[i][j] = alphabet[rand_r(&seed) %
				    (sizeof(alphabet) - 1)];
			v[i][n] = '\0';
		}
		clm_x12_seg(&w, "REF");
		clm_x12_el(&w, v[0], "a");
		clm_x12_el(&w, v[1], "b");
		clm_x12_seg_end(&w);
		clm_x12_seg(&w, "SV1");
		clm_x12_comp_begin(&w);
		clm_x12_comp(&w, v[2], "c");
		clm_x12_comp(&w, v[3], "d");
		clm_x12_el(&w, v[4], "e");
		clm_x12_seg_end(&w);
		refused = w.bad;
		ck_assert_uint_eq(refused, (unsigned long)bad_calls);
		ck_assert_uint_eq(w.segs, 2);
		ck_assert_uint_eq(count_char(w.buf, w.len, '~'), 2);
		ck_assert_uint_le(count_char(w.buf, w.len, '*'), 4);
		ck_assert_uint_le(count_char(w.buf, w.len, ':'), 1);
		ck_assert_uint_eq(count_char(w.buf, w.len, '^'), 0);
		ck_assert_uint_eq(count_char(w.buf, w.len, '\n'), 0);
		for (int i = 0; i < 5; i++) {
			int has = strpbrk(v[i], "*~:^\n\r\ta@") != NULL;

			if (has)
				ck_assert_uint_gt(refused, 0);
		}
	}
	clm_x12_writer_free(&w);
}
END_TEST

START_TEST(test_partner_parse)
{
	struct clm_partner p;
	struct clm_error err;
	const char *ok = "# comment\n\nsubmitter_name = ACME BILLING\n"
	    "submitter_id=12345\nreceiver_name = CH\nreceiver_id = 99\n"
	    "isa_sender_id = ACME\nisa_receiver_id = CH\n"
	    "element_sep = |\ncomponent_sep = >\nline_ending = crlf\n"
	    "long_claims = reject\nusage = P\ncharset = extended\n"
	    "claims_per_transaction = 10\n";

	clm_partner_defaults(&p);
	ck_assert_int_eq(clm_partner_load_text(&p, ok, strlen(ok), "t",
	    &err), 0);
	ck_assert_str_eq(p.submitter_name, "ACME BILLING");
	ck_assert_str_eq(p.submitter_id, "12345");
	ck_assert_int_eq(p.element_sep, '|');
	ck_assert_int_eq(p.component_sep, '>');
	ck_assert_str_eq(p.line_ending, "\r\n");
	ck_assert_int_eq(p.long_claims, CLM_PARTNER_REJECT);
	ck_assert_int_eq(p.charset, CLM_PARTNER_EXTENDED);
	ck_assert_int_eq(p.usage, 'P');
	ck_assert_uint_eq(p.claims_per_st, 10);
	clm_partner_defaults(&p);
	ck_assert_int_lt(clm_partner_load_text(&p, "nokey\n", 6, "t", &err),
	    0);
	ck_assert_int_eq(err.line, 1);
	clm_partner_defaults(&p);
	ck_assert_int_lt(clm_partner_load_text(&p, "usage = X\n", 10, "t",
	    &err), 0);
	clm_partner_defaults(&p);
	ck_assert_int_lt(clm_partner_load_text(&p, ok, strlen(ok) - 30, "t",
	    &err), 0);	/* cut inside a line: bad value */
}
END_TEST

static char *
path_in(const char *dir, const char *name)
{
	size_t n = strlen(dir) + strlen(name) + 2;
	char *p = malloc(n);

	snprintf(p, n, "%s/%s", dir, name);
	return p;
}

static unsigned long
take(const char *path, const char *key, int commit)
{
	struct clm_x12_ctl *ctl;
	struct clm_error err;
	unsigned long n;

	ck_assert_int_eq(clm_x12_ctl_open(&ctl, path, key, &err), 0);
	n = clm_x12_ctl_next(ctl);
	if (commit)
		ck_assert_int_eq(clm_x12_ctl_commit(ctl, &err), 0);
	clm_x12_ctl_close(ctl);
	return n;
}

START_TEST(test_control_numbers)
{
	char *dir = helper_tmpdir();
	char *path = path_in(dir, "sub/dir/ctl");
	FILE *fp;

	ck_assert_uint_eq(take(path, "A|B", 1), 1);
	ck_assert_uint_eq(take(path, "A|B", 1), 2);
	ck_assert_uint_eq(take(path, "A|B", 0), 3);	/* not consumed */
	ck_assert_uint_eq(take(path, "A|B", 1), 3);
	ck_assert_uint_eq(take(path, "A|C", 1), 1);
	ck_assert_uint_eq(take(path, "A|B", 1), 4);
	fp = fopen(path, "w");
	fputs("# kept\nA|B\t999999999\nA|C\t5\n", fp);
	fclose(fp);
	ck_assert_uint_eq(take(path, "A|B", 1), 1);	/* wraps */
	ck_assert_uint_eq(take(path, "A|C", 1), 6);
	{
		size_t len;
		char *s = helper_slurp(path, &len);

		ck_assert_str_eq(s, "# kept\nA|B\t1\nA|C\t6\n");
		free(s);
	}
	free(path);
	helper_rmtree(dir);
	free(dir);
}
END_TEST

/* Forked processes taking numbers at once never share one. */
START_TEST(test_control_numbers_concurrent)
{
	char *dir = helper_tmpdir();
	char *path = path_in(dir, "ctl");
	int fds[2];
	enum { KIDS = 8, EACH = 25 };
	char seen[KIDS * EACH + 1];
	unsigned long n;
	FILE *in;

	memset(seen, 0, sizeof(seen));
	ck_assert_int_eq(pipe(fds), 0);
	for (int k = 0; k < KIDS; k++) {
		if (fork() == 0) {
			close(fds[0]);
			for (int i = 0; i < EACH; i++) {
				char line[32];
				int len = snprintf(line, sizeof(line), "%lu\n",
				    take(path, "X|Y", 1));

				if (write(fds[1], line, (size_t)len) != len)
					_exit(1);
			}
			_exit(0);
		}
	}
	close(fds[1]);
	in = fdopen(fds[0], "r");
	while (fscanf(in, "%lu", &n) == 1) {
		ck_assert(n >= 1 && n <= KIDS * EACH);
		ck_assert_int_eq(seen[n], 0);
		seen[n] = 1;
	}
	fclose(in);
	for (int k = 0; k < KIDS; k++) {
		int st;

		wait(&st);
		ck_assert(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	}
	for (int i = 1; i <= KIDS * EACH; i++)
		ck_assert_int_eq(seen[i], 1);
	free(path);
	helper_rmtree(dir);
	free(dir);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("x12");
	TCase *tc = tcase_create("core");
	SRunner *sr;
	int failed;

	tcase_add_test(tc, test_trailing_empties_trimmed);
	tcase_add_test(tc, test_character_classes);
	tcase_add_test(tc, test_property_values_never_make_segments);
	tcase_add_test(tc, test_partner_parse);
	tcase_add_test(tc, test_control_numbers);
	tcase_add_test(tc, test_control_numbers_concurrent);
	tcase_set_timeout(tc, 60);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
