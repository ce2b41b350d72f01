#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clm_x12in.h"

struct mem {
	const char *p;
	size_t left;
};

/* One byte at a time: every segment straddles a refill. */
static long
mem_read(void *ctx, void *buf, size_t size, struct clm_error *err)
{
	struct mem *m = ctx;
	size_t n = m->left > 0 && size > 0 ? 1 : 0;

	(void)err;
	memcpy(buf, m->p, n);
	m->p += n;
	m->left -= n;
	return (long)n;
}

#define ISA "ISA|00|          |00|          |ZZ|A              |ZZ|B" \
    "              |261127|1200|^|00501|000000001|0|T|>!"

START_TEST(test_tokenizer_delimiters)
{
	const char *text = "\xEF\xBB\xBF  " ISA "\r\n  GS|HC|A>B|X!\nST|837!";
	struct mem m = { text, strlen(text) };
	struct clm_x12in_tok *t = clm_x12in_tok_open(mem_read, &m, "t");
	struct clm_x12in_seg s;
	struct clm_error err;
	const char *p;

	ck_assert_int_eq(clm_x12in_tok_next(t, &s, &err), 1);
	ck_assert_str_eq(s.id, "ISA");
	ck_assert_int_eq(s.isa_irregular, 0);
	ck_assert_int_eq(clm_x12in_tok_delims(t)->elem, '|');
	ck_assert_int_eq(clm_x12in_tok_delims(t)->comp, '>');
	ck_assert_int_eq(clm_x12in_tok_delims(t)->seg, '!');
	ck_assert_int_eq(clm_x12in_tok_delims(t)->rep, '^');
	ck_assert_int_eq(clm_x12in_tok_next(t, &s, &err), 1);
	ck_assert_str_eq(s.id, "GS");
	ck_assert_int_eq(s.pos, 2);
	ck_assert_uint_eq(s.nel, 3);
	ck_assert_uint_eq(clm_x12in_comp(&s, 2, 2, '>', &p), 1);
	ck_assert_int_eq(*p, 'B');
	ck_assert_int_eq(clm_x12in_el_is(&s, 3, "X"), 1);
	ck_assert_uint_eq(clm_x12in_el(&s, 9, &p), 0);
	ck_assert_int_eq(clm_x12in_tok_next(t, &s, &err), 1);
	ck_assert_str_eq(s.id, "ST");
	ck_assert_int_eq(clm_x12in_tok_next(t, &s, &err), 0);
	clm_x12in_tok_close(t);
}
END_TEST

START_TEST(test_not_x12)
{
	const char *text = "claim_id,proc\n";
	struct mem m = { text, strlen(text) };
	struct clm_x12in_tok *t = clm_x12in_tok_open(mem_read, &m, "t");
	struct clm_x12in_seg s;
	struct clm_error err;

	ck_assert_int_eq(clm_x12in_tok_next(t, &s, &err), -CLM_EFORMAT);
	ck_assert_ptr_nonnull(strstr(err.msg, "ISA"));
	clm_x12in_tok_close(t);
}
END_TEST

static const char claim_text[] =
    ISA "GS|HC|AA|BB|20261127|1200|7|X|005010X222A1!"
    "ST|837|0007|005010X222A1!BHT|0019|00|1|20261127|1200|CH!"
    "NM1|41|2|S|||||46|SS!PER|IC||TE|5555550100!NM1|40|2|R|||||46|RR!"
    "HL|1||20|1!NM1|85|2|CLINIC|||||XX|1234567893!N3|1 A ST!"
    "N4|CITY|IL|627011234!REF|EI|111223333!"
    "HL|2|1|22|0!SBR|P|18|||||||CI!NM1|IL|1|LAST|FIRST||||MI|M1!"
    "N3|1 ELM ST!N4|CITY|IL|62704!DMG|D8|19800101|F!"
    "NM1|PR|2|PAYER|||||PI|P1!"
    "CLM|C1|10|||11>B>1|Y|A|Y|Y!HI|ABK>J069|ABF>R05!"
    "LX|1!SV1|HC>99213>25|10|UN|1|||1>2!DTP|472|D8|20261110!"
    "SE|23|0007!GE|1|7!IEA|1|000000001!";

START_TEST(test_reader_claim)
{
	struct mem m = { claim_text, sizeof(claim_text) - 1 };
	struct clm_x12in *x = clm_x12in_open(mem_read, &m, "t");
	struct clm_x12in_claim *c;
	struct clm_error err;

	ck_assert_int_eq(clm_x12in_next(x, &c, &err), 1);
	ck_assert_uint_eq(clm_x12in_claim_rows(c), 1);
	ck_assert_str_eq(clm_x12in_claim_value(c, 0, CLM_COL_CLAIM_ID, NULL),
	    "C1");
	ck_assert_str_eq(clm_x12in_claim_value(c, 0, CLM_COL_BILL_NPI, NULL),
	    "1234567893");
	ck_assert_str_eq(clm_x12in_claim_value(c, 0, CLM_COL_PAT_REL, NULL),
	    "18");
	ck_assert_str_eq(clm_x12in_claim_value(c, 0, CLM_COL_DX2, NULL),
	    "R05");
	ck_assert_str_eq(clm_x12in_claim_value(c, 0, CLM_COL_MOD1, NULL),
	    "25");
	ck_assert_str_eq(clm_x12in_claim_value(c, 0, CLM_COL_DX_PTR, NULL),
	    "1:2");
	ck_assert_uint_eq(clm_x12in_claim_findings(c)->n, 0);
	ck_assert_int_eq(clm_x12in_claim_pos(c), 20);
	ck_assert_int_eq(clm_x12in_next(x, &c, &err), 0);
	clm_x12in_close(x);
}
END_TEST

START_TEST(test_reader_se_count)
{
	char *text = strdup(claim_text);
	struct mem m;
	struct clm_x12in *x;
	struct clm_x12in_claim *c;
	struct clm_error err;
	const struct clm_findings *f;

	memcpy(strstr(text, "SE|23"), "SE|24", 5);
	m.p = text;
	m.left = strlen(text);
	x = clm_x12in_open(mem_read, &m, "t");
	ck_assert_int_eq(clm_x12in_next(x, &c, &err), 1);
	f = clm_x12in_claim_findings(c);
	ck_assert_uint_eq(f->n, 1);
	ck_assert_str_eq(f->v[0].edit, "X12-SE-COUNT");
	ck_assert_ptr_nonnull(strstr(f->v[0].msg, "segment 23 (SE)"));
	clm_x12in_close(x);
	free(text);
}
END_TEST

/* Read all claims of text; returns the count, *last the last claim. */
static int
read_all(const char *text, struct clm_x12in **xp,
    struct clm_x12in_claim **last)
{
	static struct mem m;
	struct clm_x12in_claim *c;
	struct clm_error err;
	int n = 0, rc;

	m.p = text;
	m.left = strlen(text);
	*xp = clm_x12in_open(mem_read, &m, "t");
	while ((rc = clm_x12in_next(*xp, &c, &err)) > 0) {
		*last = c;
		n++;
	}
	return rc < 0 ? rc : n;
}

static int
has_edit(struct clm_x12in_claim *c, const char *id)
{
	return clm_findings_has(clm_x12in_claim_findings(c), id, -1);
}

START_TEST(test_component_mismatch)
{
	char *text = strdup(claim_text);
	struct clm_x12in *x;
	struct clm_x12in_claim *c = NULL;

	/* ISA16 says '>' but the claim uses ':' */
	for (char *p = strstr(text, "CLM|"); *p; p++)
		if (*p == '>')
			*p = ':';
	ck_assert_int_eq(read_all(text, &x, &c), 1);
	ck_assert(has_edit(c, "X12-COMPONENT"));
	ck_assert_str_eq(clm_x12in_claim_value(c, 0, CLM_COL_POS, NULL),
	    "11");
	ck_assert_str_eq(clm_x12in_claim_value(c, 0, CLM_COL_PROC, NULL),
	    "99213");
	ck_assert_str_eq(clm_x12in_claim_value(c, 0, CLM_COL_DX_PTR, NULL),
	    "1:2");
	clm_x12in_close(x);
	free(text);
}
END_TEST

START_TEST(test_cas_and_hl_parent)
{
	const char *cob = "LX|1!SV1|HC>99213|10|UN|1|||1!DTP|472|D8|20261110!"
	    "SVD|P9|6|HC>99213||1!CAS|CO|45|3||253|1!CAS|PR|2|1!"
	    "DTP|573|D8|20261120!";
	char text[4096];
	struct clm_x12in *x;
	struct clm_x12in_claim *c = NULL;
	const char *lx = strstr(claim_text, "LX|1");

	snprintf(text, sizeof(text), "%.*s%sSE|27|0007!GE|1|7!"
	    "IEA|1|000000001!", (int)(lx - claim_text), claim_text, cob);
	memcpy(strstr(text, "HL|2|1|"), "HL|2|5|", 7);
	ck_assert_int_eq(read_all(text, &x, &c), 1);
	ck_assert_str_eq(clm_x12in_claim_value(c, 0, CLM_COL_LINE_OTH_ADJ,
	    NULL), "CO-45-3;CO-253-1;PR-2-1");
	ck_assert_str_eq(clm_x12in_claim_value(c, 0, CLM_COL_OTH_PAYER_ID,
	    NULL), "P9");
	ck_assert(has_edit(c, "X12-HL-PARENT"));
	ck_assert(!has_edit(c, "X12-SE-COUNT"));
	clm_x12in_close(x);
}
END_TEST

START_TEST(test_two_interchanges_other_delimiters)
{
	char text[4096], second[2048];
	struct clm_x12in *x;
	struct clm_x12in_claim *c = NULL;

	/* the second interchange: '*' elements, ':' components, '~' */
	snprintf(second, sizeof(second), "%s", claim_text);
	for (char *p = second; *p; p++)
		*p = *p == '|' ? '*' : *p == '>' ? ':' : *p == '!' ? '~' : *p;
	memcpy(strstr(second, "CLM*C1"), "CLM*C2", 6);
	snprintf(text, sizeof(text), "%s\n%s", claim_text, second);
	/* the same ISA13 twice in one file: the second is a duplicate */
	ck_assert_int_eq(read_all(text, &x, &c), 2);
	ck_assert(has_edit(c, "X12-CONTROL-DUPLICATE"));
	clm_x12in_close(x);
	/* numbered afresh, the second interchange is clean */
	memcpy(strstr(second, "*000000001*"), "*000000002*", 11);
	memcpy(strstr(second, "IEA*1*000000001"), "IEA*1*000000002", 15);
	snprintf(text, sizeof(text), "%s\n%s", claim_text, second);
	ck_assert_int_eq(read_all(text, &x, &c), 2);
	ck_assert_str_eq(clm_x12in_claim_value(c, 0, CLM_COL_CLAIM_ID, NULL),
	    "C2");
	ck_assert_str_eq(clm_x12in_claim_value(c, 0, CLM_COL_MOD1, NULL),
	    "25");
	ck_assert_uint_eq(clm_x12in_claim_findings(c)->n, 0);
	clm_x12in_close(x);
}
END_TEST

START_TEST(test_unsupported_sets)
{
	char *text = strdup(claim_text);
	struct clm_x12in *x;
	struct clm_x12in_claim *c = NULL;

	memcpy(strstr(text, "|005010X222A1!ST"), "|005010X223A2!ST", 16);
	memcpy(strstr(text, "0007|005010X222A1"), "0007|005010X223A2", 17);
	ck_assert_int_eq(read_all(text, &x, &c), -CLM_EFORMAT);
	clm_x12in_close(x);
	free(text);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("x12in");
	TCase *tc = tcase_create("core");
	SRunner *sr;
	int failed;

	tcase_add_test(tc, test_tokenizer_delimiters);
	tcase_add_test(tc, test_not_x12);
	tcase_add_test(tc, test_reader_claim);
	tcase_add_test(tc, test_reader_se_count);
	tcase_add_test(tc, test_component_mismatch);
	tcase_add_test(tc, test_cas_and_hl_parent);
	tcase_add_test(tc, test_two_interchanges_other_delimiters);
	tcase_add_test(tc, test_unsupported_sets);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
