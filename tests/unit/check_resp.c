/* The response reader (clm_resp): TA1, 999, 277CA and 835 into items. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clm_resp.h"
#include "helper_test.h"

struct mem {
	const char *p;
	size_t left;
};

static long
mem_read(void *ctx, void *buf, size_t size, struct clm_error *err)
{
	struct mem *m = ctx;
	size_t n = size < m->left ? size : m->left;

	(void)err;
	if (n > 7)
		n = 7;	/* segments split across reads */
	memcpy(buf, m->p, n);
	m->p += n;
	m->left -= n;
	return (long)n;
}

#define ISA(e, c, s, ctl) "ISA" e "00" e "          " e "00" e "          " \
	e "ZZ" e "CLEARINGHOUSE  " e "ZZ" e "SPRINGFIELD01  " e "261128" e \
	"0800" e "^" e "00501" e ctl e "0" e "T" e c s

/* All items of text; returns how many (at most max). */
static size_t
read_all(const char *text, size_t len, struct clm_resp_item *out,
    size_t max, int *rc)
{
	struct mem m = { text, len };
	struct clm_resp *r = clm_resp_open(mem_read, &m, "t");
	struct clm_resp_item *it;
	struct clm_error err;
	size_t n = 0;

	while ((*rc = clm_resp_next(r, &it, &err)) > 0) {
		if (n < max) {
			out[n] = *it;
			out[n].lines = NULL;
			out[n].nlines = it->nlines;
		}
		n++;
	}
	clm_resp_close(r);
	return n;
}

START_TEST(test_ta1_999)
{
	static const char text[] = "\xEF\xBB\xBF" ISA("*", ":", "~",
	    "000000301") "\r\nTA1*000000001*261127*1200*R*022~\r\n"
	    "IEA*0*000000301~\r\n"
	    ISA("|", ">", "\n", "000000302")
	    "GS|FA|A|B|20261128|0800|302|X|005010X231A1\n"
	    "ST|999|0001|005010X231A1\nAK1|HC|3|005010X222A1\n"
	    "AK2|837|0001|005010X222A1\nIK3|NM1|12|2010|8\n"
	    "CTX|CLM01>C7\n"
	    "IK4|9>1|67|7|X\nIK5|R|5\nAK2|837|0002\nIK5|A\n"
	    "AK9|P|2|2|1\nSE|11|0001\nGE|1|302\nIEA|1|000000302\n";
	struct clm_resp_item v[8];
	int rc;
	size_t n = read_all(text, sizeof(text) - 1, v, 8, &rc);

	ck_assert_int_eq(rc, 0);
	ck_assert_uint_eq(n, 4);
	ck_assert_int_eq(v[0].kind, CLM_RESP_TA1);
	ck_assert_str_eq(v[0].ref_isa13, "000000001");
	ck_assert_str_eq(v[0].ack, "R");
	ck_assert_str_eq(v[0].codes, "TA1:R:022");
	ck_assert_str_eq(clm_resp_status(&v[0]), "rejected");
	ck_assert_str_eq(clm_resp_status(&v[2]), "accepted");
	ck_assert_str_eq(clm_resp_status(&v[3]), "accepted");	/* AK9 P */
	ck_assert_int_eq(v[1].kind, CLM_RESP_999_SET);
	ck_assert_str_eq(v[1].ref_gs06, "3");
	ck_assert_str_eq(v[1].ref_st02, "0001");
	ck_assert_str_eq(v[1].ack, "R");
	ck_assert_str_eq(v[1].codes, "IK5:R:5;IK3:NM1:12:8;IK4:9:1:7");
	ck_assert_str_eq(v[1].isa13, "000000302");
	ck_assert_str_eq(v[1].ctx_claims, "C7");
	/* each IK3 loop with the segment it points at, for the matcher */
	ck_assert_int_eq(v[1].nerrs, 1);
	ck_assert_int_eq(v[1].errs[0].pos, 12);
	ck_assert_str_eq(v[1].errs[0].codes, "IK3:NM1:12:8;IK4:9:1:7");
	ck_assert_int_eq(v[2].nerrs, 0);
	ck_assert_str_eq(v[2].ref_st02, "0002");
	ck_assert_str_eq(v[2].ctx_claims, "");
	ck_assert_str_eq(v[2].codes, "IK5:A");
	ck_assert_int_eq(v[3].kind, CLM_RESP_999_GROUP);
	ck_assert_str_eq(v[3].ack, "P");
}
END_TEST

START_TEST(test_277ca)
{
	static const char text[] = ISA("*", ":", "~", "000000401")
	    "GS*HN*A*B*20261128*0800*401*X*005010X214~ST*277*0001*005010X214~"
	    "BHT*0085*08*1*20261128*0800*TH~HL*1**20*1~"
	    "NM1*PR*2*PAYER*****PI*00431~HL*2*1*21*1~STC*A1:20*20261128*WQ*0~"
	    "HL*3*2*19*1~HL*4*3*PT~TRN*2*C3002~"
	    "STC*A7:562:85*20261128*U*225.00******A8:21:85~REF*1K*PAYER123~"
	    "DTP*472*RD8*20261020-20261021~SVC*HC:97110*150*0~"
	    "STC*A7:454*20261128*U~HL*5*3*PT~TRN*2*C3003~"
	    "STC*A2:20*20261128*WQ*150~SE*18*0001~GE*1*401~IEA*1*000000401~";
	struct clm_resp_item v[4];
	int rc;
	size_t n = read_all(text, sizeof(text) - 1, v, 4, &rc);

	ck_assert_int_eq(rc, 0);
	ck_assert_uint_eq(n, 2);
	ck_assert_int_eq(v[0].kind, CLM_RESP_277_CLAIM);
	ck_assert_str_eq(v[0].clm01, "C3002");
	ck_assert_str_eq(v[0].ack, "A7");
	/* the line's STC is not the claim's */
	ck_assert_str_eq(v[0].codes, "STC:A7:562:85;STC:A8:21:85");
	ck_assert_int_eq(v[0].billed, 22500);
	ck_assert_int_eq(v[0].from, 20261020);
	ck_assert_int_eq(v[0].to, 20261021);
	ck_assert_str_eq(v[0].payer_ctl, "PAYER123");
	ck_assert_str_eq(v[0].payer_id, "00431");
	ck_assert_str_eq(v[1].clm01, "C3003");
	ck_assert_str_eq(v[1].ack, "A2");
	ck_assert_str_eq(clm_resp_status(&v[0]), "rejected");
	ck_assert_str_eq(clm_resp_status(&v[1]), "accepted");
}
END_TEST

START_TEST(test_835)
{
	static const char text[] = ISA("*", ":", "~", "000000501")
	    "\nGS*HP*A*B*20261201*0800*501*X*005010X221A1~\n"
	    "ST*835*0001~\nBPR*I*200*C*CHK************20261201~\n"
	    "TRN*1*EFT1*1366666666~\nN1*PR*PAYER*XV*00431~\nLX*1~\n"
	    "CLP*C1*1*225*100*0*12*PCN1~\nCAS*CO*45*10~\nMOA***MA15~\n"
	    "SVC*HC:97110:GP*150*110**2~\nDTM*472*20261020~\n"
	    "CAS*CO*45*40~\nREF*6R*L1~\n"
	    "SVC*HC:97140*75*0**1~\nDTM*150*20261021~\nDTM*151*20261022~\n"
	    "CAS*CO*97*75~\n"
	    "CAS*PR*1*0~\nLQ*HE*M15~\nLQ*HE*N20~\n"
	    "CLP*C2*4*100*0*0*12*PCN2~\nCAS*CO*16*90~\n"
	    "DTM*232*20261019~\nDTM*233*20261019~\n"
	    "PLB*1*20261231*WO:PCN1*10~\nSE*24*0001~\nGE*1*501~\n"
	    "IEA*1*000000501~\n";
	struct mem m = { text, sizeof(text) - 1 };
	struct clm_resp *r = clm_resp_open(mem_read, &m, "t");
	struct clm_resp_item *it;
	struct clm_error err;

	ck_assert_int_eq(clm_resp_next(r, &it, &err), 1);
	ck_assert_int_eq(it->kind, CLM_RESP_835_CLAIM);
	ck_assert_str_eq(it->clm01, "C1");
	ck_assert_str_eq(it->ack, "1");
	ck_assert_str_eq(it->payer_id, "00431");
	ck_assert_str_eq(it->payer_ctl, "PCN1");
	ck_assert_int_eq(it->billed, 22500);
	ck_assert_int_eq(it->paid, 10000);
	ck_assert_int_eq(it->adj.n, 1);
	ck_assert_str_eq(it->adj.remarks, "MA15");
	ck_assert_uint_eq(it->nlines, 2);
	ck_assert_str_eq(it->lines[0].proc, "HC:97110:GP");
	ck_assert_str_eq(it->lines[0].ctrl, "L1");
	ck_assert_int_eq(it->lines[0].from, 20261020);
	ck_assert_int_eq(it->lines[1].from, 20261021);
	ck_assert_int_eq(it->lines[1].to, 20261022);
	ck_assert_int_eq(it->lines[1].adj.n, 2);
	ck_assert_str_eq(it->lines[1].adj.v[1].group, "PR");
	ck_assert_str_eq(it->lines[1].adj.remarks, "M15;N20");
	ck_assert_int_eq(clm_resp_adj_sum(&it->lines[1].adj, "CO"), 7500);
	/* no claim dates: the lines' span */
	ck_assert_int_eq(it->from, 20261020);
	ck_assert_int_eq(it->to, 20261022);
	ck_assert_int_eq(it->unbalanced, 0);
	ck_assert_str_eq(clm_resp_status(it), "partly-paid");
	ck_assert_str_eq(clm_resp_line_status(it, &it->lines[0]), "paid");
	ck_assert_str_eq(clm_resp_line_status(it, &it->lines[1]), "denied");
	ck_assert_int_eq(clm_resp_next(r, &it, &err), 1);
	ck_assert_str_eq(clm_resp_status(it), "denied");
	ck_assert_str_eq(it->clm01, "C2");
	ck_assert_str_eq(it->ack, "4");
	ck_assert_int_eq(it->from, 20261019);
	ck_assert_int_eq(it->unbalanced, 1);	/* 100 - 90 != 0 */
	/* the remittance it is part of */
	ck_assert_str_eq(it->trn02, "EFT1");
	ck_assert_str_eq(it->trn03, "1366666666");
	ck_assert_int_eq(it->has_bpr, 1);
	ck_assert_int_eq(it->bpr02, 20000);
	ck_assert_int_eq(it->set_pos, 3);
	/* the provider-level adjustment is an item of its own */
	ck_assert_int_eq(clm_resp_next(r, &it, &err), 1);
	ck_assert_int_eq(it->kind, CLM_RESP_835_PLB);
	ck_assert_str_eq(clm_resp_status(it), "adjusted");
	ck_assert_int_eq(it->adj.n, 1);
	ck_assert_str_eq(it->adj.v[0].reason, "WO");
	ck_assert_int_eq(it->adj.v[0].cents, 1000);
	ck_assert_str_eq(it->codes, "PLB:WO:PCN1");
	ck_assert_int_eq(it->from, 20261231);
	ck_assert_str_eq(it->payer_id, "00431");
	ck_assert_str_eq(clm_resp_plb_words("WO"), "overpayment recovery");
	ck_assert_str_eq(clm_resp_plb_words("ZZ"), "");
	ck_assert_int_eq(clm_resp_next(r, &it, &err), 0);
	clm_resp_close(r);
}
END_TEST

START_TEST(test_not_x12)
{
	static const char text[] = "claim_id,line_no\nC1,1\n";
	struct mem m = { text, sizeof(text) - 1 };
	struct clm_resp *r = clm_resp_open(mem_read, &m, "t");
	struct clm_resp_item *it;
	struct clm_error err;

	ck_assert_int_lt(clm_resp_next(r, &it, &err), 0);
	ck_assert_str_eq(err.file, "t");
	clm_resp_close(r);
}
END_TEST

START_TEST(test_other_set_and_cut)
{
	static const char text[] = ISA("*", ":", "~", "000000601")
	    "GS*HC*A*B*20261201*0800*601*X*005010X222A1~"
	    "ST*837*0001*005010X222A1~BHT*0019~SE*3*0001~"
	    "GS*HP*A*B*20261201*0800*602*X*005010X221A1~ST*835*0001~"
	    "CLP*C9*1*10*10*0*12*P~SVC*HC:97110*10*10";
	struct clm_resp_item v[4];
	int rc;
	size_t n = read_all(text, sizeof(text) - 1, v, 4, &rc);

	ck_assert_int_eq(rc, 0);
	ck_assert_uint_eq(n, 2);
	ck_assert_int_eq(v[0].kind, CLM_RESP_OTHER);
	ck_assert_str_eq(v[0].ack, "837");
	/* a file cut inside a claim still hands the claim out */
	ck_assert_int_eq(v[1].kind, CLM_RESP_835_CLAIM);
	ck_assert_str_eq(v[1].clm01, "C9");
	ck_assert_uint_eq(v[1].nlines, 1);
}
END_TEST

/* The public samples read to the end (skipped without ../shared). */
START_TEST(test_shared_samples)
{
	static const char *const files[] = { "ims__x12_277CA_accepted.txt",
	    "ims__x12_277CA_rejected.txt", "ims__x12_999_accepted.txt",
	    "ims__x12_999_rejected.txt", "lfh__cob-contractural-adjustment.835",
	    "lfh__managed-care.835", "lfh__secondary-payment.835" };
	static const size_t want[] = { 1, 1, 2, 2, 1, 2, 2 };
	const char *shared = helper_shared();

	if (shared == NULL)
		return;
	for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		char path[1024];
		size_t len;
		char *text;
		struct clm_resp_item v[8];
		int rc;
		size_t n;

		snprintf(path, sizeof(path), "%s/x12-samples/responses/%s",
		    shared, files[i]);
		text = helper_slurp(path, &len);
		if (text == NULL)
			continue;
		n = read_all(text, len, v, 8, &rc);
		ck_assert_msg(rc == 0, "%s: rc %d", files[i], rc);
		ck_assert_msg(n == want[i], "%s: %zu items", files[i], n);
		free(text);
	}
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("resp");
	TCase *tc = tcase_create("core");
	SRunner *sr;
	int failed;

	tcase_add_test(tc, test_ta1_999);
	tcase_add_test(tc, test_277ca);
	tcase_add_test(tc, test_835);
	tcase_add_test(tc, test_not_x12);
	tcase_add_test(tc, test_other_set_and_cut);
	tcase_add_test(tc, test_shared_samples);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? 0 : 1;
}
