/* The 837P guide tables (clm_x12spec) are well formed, and the 999
 * writer (clm_x12ack) acknowledges what the reader finds. */
#include <check.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clm_x12ack.h"
#include "clm_x12in_impl.h"
#include "clm_x12spec.h"

static int
known_loop(const char *name)
{
	if (strcmp(name, "*") == 0)
		return 1;
	for (int l = 0; l < L_COUNT; l++)
		if (strcmp(clm_x12in_loop_name((enum clm_x12in_loop)l), name) == 0)
			return 1;
	return 0;
}

/* Every code of list "a b c" fits the element's length limits. */
static void
codes_fit(const char *where, const char *list, size_t len,
    const struct clm_x12spec_el *e)
{
	const char *p = list, *end = list + len;

	while (p < end) {
		size_t n = strcspn(p, " ;");

		if (p + n > end)
			n = (size_t)(end - p);
		ck_assert_msg(n >= e->min && n <= e->max, "%s: code '%.*s' "
		    "does not fit %u..%u", where, (int)n, p, e->min, e->max);
		p += n + 1;
	}
}

START_TEST(test_guide_well_formed)
{
	const struct clm_x12spec *g = &clm_x12spec_837p;

	ck_assert_uint_gt(g->nuse, 50);
	for (size_t i = 0; i < g->nuse; i++) {
		const struct clm_x12spec_use *u = &g->use[i];
		const struct clm_x12spec_seg *d = clm_x12spec_dict(u->id);
		const char *c = u->codes;
		char where[64];

		snprintf(where, sizeof(where), "%s %s %s", u->loop, u->id,
		    u->qual);
		ck_assert_msg(known_loop(u->loop), "%s: unknown loop", where);
		if (strcmp(u->loop, "*") != 0) {
			/* in its loop's segment list, or the loop's opener */
			char key[8];

			snprintf(key, sizeof(key), " %s ", u->id);
			ck_assert_msg(strstr(clm_x12spec_loop_segments(g,
			    u->loop), key) != NULL || strstr(" NM1 HL CLM LX "
			    "SBR LIN SVD LQ ", key) != NULL, "%s: not in the "
			    "loop's segments", where);
		}
		ck_assert_msg(d != NULL, "%s: segment not in the dictionary",
		    where);
		ck_assert_msg(strchr("RSN", u->usage) != NULL, "%s", where);
		ck_assert_msg(strlen(u->eluse) <= d->nel, "%s: more element "
		    "usages than elements", where);
		ck_assert_msg(strspn(u->eluse, "RSN") == strlen(u->eluse),
		    "%s: usage other than R, S, N", where);
		while (*c != '\0') {
			unsigned el = 0, comp = 0;
			const struct clm_x12spec_el *e;
			size_t len;

			while (*c >= '0' && *c <= '9')
				el = el * 10 + (unsigned)(*c++ - '0');
			if (*c == '.')
				for (c++; *c >= '0' && *c <= '9'; c++)
					comp = comp * 10 + (unsigned)(*c - '0');
			ck_assert_msg(*c == '=', "%s: malformed code list",
			    where);
			c++;
			len = strcspn(c, ";");
			e = clm_x12spec_el(d, el);
			ck_assert_msg(e != NULL, "%s: code list for element %u",
			    where, el);
			if (comp > 0) {
				ck_assert_int_eq(e->type, CLM_X12SPEC_COMP);
				e = clm_x12spec_comp(e->ref, comp);
				ck_assert_msg(e != NULL, "%s: component %u.%u",
				    where, el, comp);
			}
			ck_assert_msg(e->type == CLM_X12SPEC_ID, "%s: code list "
			    "on element %u, which is not an ID", where, el);
			codes_fit(where, c, len, e);
			c += len;
			if (*c == ';')
				c++;
		}
	}
}
END_TEST

START_TEST(test_lookups)
{
	const struct clm_x12spec *g = &clm_x12spec_837p;
	const struct clm_x12spec_use *u;
	struct clm_x12spec_note n;
	int ok = -1;

	u = clm_x12spec_find(g, "2000A", "PRV", "BI", 2, NULL);
	ck_assert_ptr_nonnull(u);
	ck_assert_int_eq(clm_x12spec_code(u, 2, 0, "PXC", 3, &ok), 1);
	ck_assert_int_eq(ok, 1);
	ck_assert_int_eq(clm_x12spec_code(u, 2, 0, "ZZZ", 3, &ok), 1);
	ck_assert_int_eq(ok, 0);
	/* an entry per qualifier; the "*" entry where a loop has none */
	u = clm_x12spec_find(g, "2310E", "NM1", "PW", 2, NULL);
	ck_assert_int_eq(clm_x12spec_eluse(u, 3), 'N');
	u = clm_x12spec_find(g, "2010BA", "N3", "1 ELM", 5, NULL);
	ck_assert_str_eq(u->loop, "*");
	u = clm_x12spec_find(g, "2300", "CLM", "X", 1, NULL);
	ck_assert_int_eq(clm_x12spec_code(u, 5, 3, "1", 1, &ok), 1);
	ck_assert_int_eq(ok, 1);
	ck_assert_int_eq(clm_x12spec_code(u, 5, 3, "9", 1, &ok), 1);
	ck_assert_int_eq(ok, 0);
	ck_assert_ptr_null(clm_x12spec_find(g, "2300", "ZZZ", "", 0, NULL));
	/* dictionary, types, notes */
	ck_assert_ptr_nonnull(clm_x12spec_dict("AMT"));
	ck_assert_ptr_nonnull(clm_x12spec_dict("SVD"));
	ck_assert_ptr_null(clm_x12spec_dict("ZZZ"));
	ck_assert_int_eq(clm_x12spec_valid_date("20240229", 8), 1);
	ck_assert_int_eq(clm_x12spec_valid_date("20230229", 8), 0);
	ck_assert_int_eq(clm_x12spec_valid_date("20261131", 8), 0);
	ck_assert_int_eq(clm_x12spec_valid_type(CLM_X12SPEC_TM, "2359", 4), 1);
	ck_assert_int_eq(clm_x12spec_valid_type(CLM_X12SPEC_TM, "2460", 4), 0);
	ck_assert_int_eq(clm_x12spec_valid_type(CLM_X12SPEC_R, "-1.5", 4), 1);
	ck_assert_int_eq(clm_x12spec_valid_type(CLM_X12SPEC_R, "1.5.", 4), 0);
	ck_assert_int_eq(clm_x12spec_valid_type(CLM_X12SPEC_N0, "12a", 3), 0);
	ck_assert_int_eq(clm_x12spec_note(clm_x12spec_dict("NM1"), 0, &n), 1);
	ck_assert_int_eq(n.kind, 'P');
	ck_assert_int_eq(n.n, 2);
	ck_assert_int_eq(n.el[0], 8);
	ck_assert_int_eq(n.el[1], 9);
}
END_TEST

/* Kinds: a loop and id of the table, together, codes of its element 1. */
START_TEST(test_kinds_well_formed)
{
	const struct clm_x12spec *g = &clm_x12spec_837p;

	ck_assert_uint_gt(g->nkinds, 50);
	for (size_t k = 0; k < g->nkinds; k++) {
		const struct clm_x12spec_kind *kd = &g->kinds[k];
		const struct clm_x12spec_use *u;
		const char *q = kd->quals;
		const void *key;

		ck_assert_msg(known_loop(kd->loop) && strcmp(kd->loop, "*") !=
		    0, "kind %zu: loop %s", k, kd->loop);
		ck_assert_uint_gt(kd->repeat, 0);
		/* the kinds of a loop and id stand together */
		for (size_t j = k + 2; j < g->nkinds; j++)
			ck_assert_msg(strcmp(g->kinds[j].loop, kd->loop) != 0 ||
			    strcmp(g->kinds[j].id, kd->id) != 0 ||
			    (strcmp(g->kinds[j - 1].loop, kd->loop) == 0 &&
			    strcmp(g->kinds[j - 1].id, kd->id) == 0),
			    "kinds of %s %s apart", kd->loop, kd->id);
		while (*q != '\0') {
			size_t len = strcspn(q, " ");
			int ok = -1;

			u = clm_x12spec_find(g, kd->loop, kd->id, q, len, NULL);
			ck_assert_msg(u != NULL && strcmp(u->loop, kd->loop) ==
			    0, "%s %s: no entry of its own", kd->loop, kd->id);
			ck_assert_msg(clm_x12spec_code(u, 1, 0, q, len, &ok) ==
			    1 && ok == 1, "%s %s: '%.*s' not in its code list",
			    kd->loop, kd->id, (int)len, q);
			ck_assert_uint_eq(clm_x12spec_repeat(g, u, q, len,
			    &key), kd->repeat);
			ck_assert_msg(key == (const void *)kd, "%s %s %.*s: "
			    "counted under another kind", kd->loop, kd->id,
			    (int)len, q);
			q += len;
			q += strspn(q, " ");
		}
	}
}
END_TEST

START_TEST(test_repeat_and_loops)
{
	const struct clm_x12spec *g = &clm_x12spec_837p;
	const struct clm_x12spec_use *u;
	const void *k1, *k2;

	/* DTP*090 and DTP*091 are one segment of the guide, repeat 2 */
	u = clm_x12spec_find(g, "2300", "DTP", "090", 3, NULL);
	ck_assert_uint_eq(clm_x12spec_repeat(g, u, "090", 3, &k1), 2);
	ck_assert_uint_eq(clm_x12spec_repeat(g, u, "091", 3, &k2), 2);
	ck_assert_ptr_eq(k1, k2);
	ck_assert_uint_eq(clm_x12spec_repeat(g, u, "431", 3, &k2), 1);
	ck_assert_ptr_ne(k1, k2);
	/* without kinds: the entry's repeat, counted under the entry */
	u = clm_x12spec_find(g, "2300", "PWK", "OZ", 2, NULL);
	ck_assert_uint_eq(clm_x12spec_repeat(g, u, "OZ", 2, &k1), 10);
	ck_assert_ptr_eq(k1, u);
	u = clm_x12spec_find(g, "2300", "K3", "X", 1, NULL);
	ck_assert_str_eq(u->loop, "2300");
	ck_assert_uint_eq(clm_x12spec_repeat(g, u, "X", 1, &k1), 10);
	u = clm_x12spec_find(g, "2400", "PWK", "CT", 2, NULL);
	ck_assert_uint_eq(clm_x12spec_repeat(g, u, "CT", 2, &k1), 1);
	ck_assert_uint_eq(clm_x12spec_repeat(g, u, "OZ", 2, &k2), 10);
	ck_assert_uint_eq(clm_x12spec_repeat(g, NULL, "", 0, &k1), 0);
	/* the loops added: 2330C-G, 2420B, CR1, CR2, HCP */
	u = clm_x12spec_find(g, "2330C", "NM1", "DN", 2, NULL);
	ck_assert_str_eq(u->loop, "2330C");
	ck_assert_int_eq(clm_x12spec_eluse(u, 3), 'N');
	u = clm_x12spec_find(g, "2330G", "REF", "G2", 2, NULL);
	ck_assert_int_eq(u->usage, 'R');
	ck_assert_uint_eq(u->repeat, 2);
	u = clm_x12spec_find(g, "2420B", "NM1", "QB", 2, NULL);
	ck_assert_str_eq(u->loop, "2420B");
	u = clm_x12spec_find(g, "2300", "HCP", "00", 2, NULL);
	ck_assert_str_eq(u->loop, "2300");
	ck_assert_int_eq(clm_x12spec_eluse(u, 9), 'N');
	u = clm_x12spec_find(g, "2400", "HCP", "00", 2, NULL);
	ck_assert_int_eq(clm_x12spec_eluse(u, 9), 'S');
	ck_assert_ptr_nonnull(clm_x12spec_find(g, "2300", "CR2", "", 0, NULL));
	ck_assert_ptr_nonnull(clm_x12spec_dict("CR2"));
}
END_TEST

struct mem {
	const char *p;
	size_t left;
};

static long
mem_read(void *ctx, void *buf, size_t size, struct clm_error *err)
{
	struct mem *m = ctx;
	size_t n = m->left < size ? m->left : size;

	(void)err;
	memcpy(buf, m->p, n);
	m->p += n;
	m->left -= n;
	return (long)n;
}

struct sink {
	char buf[8192];
	size_t len;
};

static int
sink_write(void *ctx, const void *buf, size_t len, struct clm_error *err)
{
	struct sink *k = ctx;

	(void)err;
	ck_assert_uint_lt(k->len + len, sizeof(k->buf));
	memcpy(k->buf + k->len, buf, len);
	k->len += len;
	k->buf[k->len] = '\0';
	return 0;
}

#define ISA "ISA*00*          *00*          *ZZ*A              *ZZ*B" \
    "              *261127*1200*^*00501*000000001*0*T*:~"

static const char claim_text[] =
    ISA "GS*HC*AA*BB*20261127*1200*7*X*005010X222A1~"
    "ST*837*0007*005010X222A1~BHT*0019*00*1*20261127*1200*CH~"
    "NM1*41*2*S*****46*SS~PER*IC**TE*5555550100~NM1*40*2*R*****46*RR~"
    "HL*1**20*1~PRV*BI*ZZZ*207Q00000X~"
    "NM1*85*2*CLINIC*****XX*1234567893~N3*1 A ST~"
    "N4*CITY*IL*627011234~REF*EI*111223333~"
    "HL*2*1*22*0~SBR*P*18*******CI~NM1*IL*1*LAST*FIRST****MI*M1~"
    "N3*1 ELM ST~N4*CITY*IL*62704~DMG*D8*19800101*F~"
    "NM1*PR*2*PAYER*****PI*P1~"
    "CLM*C1*10***11:B:1*Y*A*Y*Y~HI*ABK:J069~"
    "LX*1~SV1*HC:99213*10*UN*1***1~DTP*472*D8*20261110~"
    "SE*24*0007~GE*1*7~IEA*1*000000001~";

START_TEST(test_ack)
{
	struct mem m = { claim_text, sizeof(claim_text) - 1 };
	struct clm_x12in *x = clm_x12in_open(mem_read, &m, "t");
	struct sink k = { "", 0 };
	struct clm_x12ack *a = clm_x12ack_new(sink_write, &k, "20261127",
	    "0930");
	struct clm_x12in_claim *c;
	struct clm_error err;
	long acc, rej;

	clm_x12in_on_event(x, clm_x12ack_event, a);
	while (clm_x12in_next(x, &c, &err) > 0)
		;
	ck_assert_int_eq(clm_x12ack_finish(a, &err), 0);
	/* sender and receiver swapped, the ISA13 answered reused */
	ck_assert_ptr_nonnull(strstr(k.buf, "*ZZ*B              *ZZ*A      "));
	ck_assert_ptr_nonnull(strstr(k.buf, "GS*FA*BB*AA*20261127*0930*1*X*"
	    "005010X231A1~"));
	ck_assert_ptr_nonnull(strstr(k.buf, "AK1*HC*7*005010X222A1~"));
	ck_assert_ptr_nonnull(strstr(k.buf, "AK2*837*0007*005010X222A1~"));
	/* PRV02 is segment 7 of the set: element 2, element 128, code 7 */
	ck_assert_msg(strstr(k.buf, "IK3*PRV*7*2000*8~\nIK4*2*128*7~\n") != NULL, "%s", k.buf);
	ck_assert_ptr_null(strstr(k.buf, "ZZZ"));	/* no value echoed */
	ck_assert_ptr_nonnull(strstr(k.buf, "IK5*R*5~\nAK9*R*1*1*0~\n"
	    "SE*8*0001~\nGE*1*1~\nIEA*1*000000001~\n"));
	clm_x12ack_counts(a, &acc, &rej);
	ck_assert_int_eq(acc, 0);
	ck_assert_int_eq(rej, 1);
	clm_x12ack_free(a);
	clm_x12in_close(x);
}
END_TEST

/* Findings one reader makes on claim_text. */
static long
read_findings(void)
{
	struct mem m = { claim_text, sizeof(claim_text) - 1 };
	struct clm_x12in *x = clm_x12in_open(mem_read, &m, "t");
	struct clm_x12in_claim *c;
	struct clm_error err;
	long n = 0;

	while (clm_x12in_next(x, &c, &err) > 0)
		n += (long)c->f.n;
	clm_x12in_close(x);
	return n;
}

static void *
reader_thread(void *arg)
{
	long *out = arg, want = out[0];

	out[1] = 0;
	for (int i = 0; i < 200; i++)
		if (read_findings() != want)
			out[1]++;
	return NULL;
}

/* Readers keep their validation caches: several run in one process, in
 * threads and interleaved, each finding what one alone finds. */
START_TEST(test_readers_independent)
{
	long want = read_findings(), res[4][2];
	pthread_t t[4];
	struct mem m1 = { claim_text, sizeof(claim_text) - 1 };
	struct mem m2 = { claim_text, sizeof(claim_text) - 1 };
	struct clm_x12in *a = clm_x12in_open(mem_read, &m1, "a");
	struct clm_x12in *b = clm_x12in_open(mem_read, &m2, "b");
	struct clm_x12in_claim *c;
	struct clm_error err;
	long na = 0, nb = 0;
	int ra = 1, rb = 1;

	ck_assert_int_gt(want, 0);
	while (ra > 0 || rb > 0) {
		if (ra > 0 && (ra = clm_x12in_next(a, &c, &err)) > 0)
			na += (long)c->f.n;
		if (rb > 0 && (rb = clm_x12in_next(b, &c, &err)) > 0)
			nb += (long)c->f.n;
	}
	clm_x12in_close(a);
	clm_x12in_close(b);
	ck_assert_int_eq(na, want);
	ck_assert_int_eq(nb, want);
	for (int i = 0; i < 4; i++) {
		res[i][0] = want;
		ck_assert_int_eq(pthread_create(&t[i], NULL, reader_thread,
		    res[i]), 0);
	}
	for (int i = 0; i < 4; i++) {
		pthread_join(t[i], NULL);
		ck_assert_int_eq(res[i][1], 0);
	}
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("x12spec");
	TCase *tc = tcase_create("core");
	SRunner *sr;
	int failed;

	tcase_add_test(tc, test_guide_well_formed);
	tcase_add_test(tc, test_lookups);
	tcase_add_test(tc, test_kinds_well_formed);
	tcase_add_test(tc, test_repeat_and_loops);
	tcase_add_test(tc, test_ack);
	tcase_add_test(tc, test_readers_independent);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
