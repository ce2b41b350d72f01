/* The code-set index: builder sources, date lookups, attributes, damage. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "clm_codeset.h"
#include "clm_codeset_build.h"
#include "helper_test.h"

/* Build an index from (kind, text, from, to) sources and open it. */
struct src { const char *kind, *text; long from, to; const char *name; };

static struct clm_codeset *
build(const struct src *s, size_t n)
{
	struct clm_csb *b = clm_csb_new();
	struct clm_error err;
	struct clm_codeset *cs;
	unsigned char *img;
	size_t len;

	for (size_t i = 0; i < n; i++) {
		int rc = clm_csb_add_mem(b, s[i].kind, s[i].text,
		    strlen(s[i].text), s[i].kind, s[i].from, s[i].to, s[i].name,
		    &err);

		ck_assert_msg(rc == 0, "%s: %s", s[i].kind, err.msg);
	}
	ck_assert_int_eq(clm_csb_image(b, &img, &len, &err), 0);
	clm_csb_free(b);
	cs = clm_codeset_open_mem(img, len, "test", &err);
	free(img);
	ck_assert_msg(cs != NULL, "%s", err.msg);
	ck_assert_int_eq(clm_codeset_verify(cs, &err), 0);
	return cs;
}

static enum clm_code_state
st(const struct clm_codeset *cs, enum clm_code_system sys, const char *code,
    long date)
{
	return clm_codeset_lookup(cs, sys, code, date, NULL);
}

static const char icd_list[] =
    "# comment\n"
    "M54\t0\tDorsalgia\n"
    "M54.5\t1\tLow back pain\t20151001\t20210930\n"
    "M54.5\t0\tLow back pain\t20211001\n"
    "M54.50\t1\tLow back pain, unspecified\t20211001\n"
    "M54.51\t1\tVertebrogenic low back pain\t20211001\n"
    "M54.59\t1\tOther low back pain\t20211001\n"
    "F41.1\t1\tGeneralized anxiety disorder\n";

START_TEST(test_list_dates)
{
	const struct src s[] = { { "icd10cm-list", icd_list, 20151001, 0, NULL } };
	struct clm_codeset *cs = build(s, 1);
	struct clm_code_info ci;
	const char *kids[2];

	ck_assert_int_eq(st(cs, CLM_SYS_ICD10CM, "M54.5", 20210930),
	    CLM_CODE_VALID);
	ck_assert_int_eq(clm_codeset_lookup(cs, CLM_SYS_ICD10CM, "m545",
	    20211001, &ci), CLM_CODE_HEADER);
	ck_assert_int_eq(ci.valid_from, 20211001);
	ck_assert_int_eq(ci.valid_to, 0);
	ck_assert_str_eq(ci.desc, "Low back pain");
	ck_assert_str_eq(ci.release, "ICD-10-CM list icd10cm-list");
	ck_assert_int_eq(st(cs, CLM_SYS_ICD10CM, "M54.50", 20210930),
	    CLM_CODE_NOT_EFFECTIVE);
	ck_assert_int_eq(st(cs, CLM_SYS_ICD10CM, "M54.50", 20261127),
	    CLM_CODE_VALID);
	ck_assert_int_eq(st(cs, CLM_SYS_ICD10CM, "F41.1", 20150930),
	    CLM_CODE_NOT_EFFECTIVE);
	ck_assert_int_eq(st(cs, CLM_SYS_ICD10CM, "F41.9", 20261127),
	    CLM_CODE_UNKNOWN);
	ck_assert_int_eq(st(cs, CLM_SYS_HCPCS, "F41.1", 20261127),
	    CLM_CODE_UNKNOWN);
	ck_assert_int_eq(st(cs, CLM_SYS_ICD10CM, "F4 1.1", 20261127),
	    CLM_CODE_UNKNOWN);
	ck_assert_uint_eq(clm_codeset_billable_below(cs, CLM_SYS_ICD10CM,
	    "M54.5", 20261127, kids, 2), 3);
	ck_assert_str_eq(kids[0], "M5450");
	ck_assert_str_eq(kids[1], "M5451");
	ck_assert_uint_eq(clm_codeset_billable_below(cs, CLM_SYS_ICD10CM,
	    "M54.5", 20200101, kids, 2), 0);
	ck_assert(clm_codeset_has(cs, CLM_SYS_ICD10CM));
	ck_assert(!clm_codeset_has(cs, CLM_SYS_POS));
	clm_codeset_close(cs);
}
END_TEST

START_TEST(test_keys)
{
	char k[16], d[16];

	ck_assert_int_eq(clm_code_key(" m54.50 ", k, sizeof(k)), 5);
	ck_assert_str_eq(k, "M5450");
	ck_assert_int_eq(clm_code_key("M5.4.5", k, sizeof(k)), -1);
	ck_assert_int_eq(clm_code_key("", k, sizeof(k)), -1);
	ck_assert_int_eq(clm_code_key("M54-5", k, sizeof(k)), -1);
	ck_assert_int_eq(clm_code_key("ABCDEFGHIJKL", k, sizeof(k)), -1);
	clm_icd_format("M5450", d, sizeof(d));
	ck_assert_str_eq(d, "M54.50");
	clm_icd_format("F32", d, sizeof(d));
	ck_assert_str_eq(d, "F32");
	ck_assert(clm_cpt_form_ok("99213"));
	ck_assert(clm_cpt_form_ok("0001F"));
	ck_assert(clm_cpt_form_ok("0042T"));
	ck_assert(!clm_cpt_form_ok("0001X"));
	ck_assert(!clm_cpt_form_ok("9921"));
	ck_assert(!clm_cpt_form_ok("G0283"));
	ck_assert_int_eq(clm_code_system_parse("icd10cm"), CLM_SYS_ICD10CM);
	ck_assert_int_eq(clm_code_system_parse("POS"), CLM_SYS_POS);
	ck_assert_int_eq(clm_code_system_parse("nope"), -1);
	ck_assert_int_eq(clm_date_next(20240228), 20240229);
	ck_assert_int_eq(clm_date_next(20231231), 20240101);
	ck_assert_int_eq(clm_date_prev(20261001), 20260930);
	ck_assert_int_eq(clm_date_prev(20240301), 20240229);
	ck_assert(!clm_date_valid(20230229));
}
END_TEST

/* Order-file records: order, code, flag, short title, long title. */
#define ORD(n, code, flag, title) \
	n " " code " " flag " " title "\r\n"
static const char order_2026[] =
    ORD("00001", "A000   ", "1", "Cholera due to Vibrio cholerae 01, biovar cholerae")
    ORD("00002", "B880   ", "1", "Other acariasis")
    ORD("00003", "M722   ", "1", "Plantar fascial fibromatosis")
    ORD("00004", "Z999   ", "1", "Old title");
/* FY2027 addenda: action (13), flag, code (7), title. */
static const char addenda_2027[] =
    "Delete:      1 M722    Plantar fascial fibromatosis\r\n"
    "Add:         0 M722    Plantar fascial fibromatosis\r\n"
    "Add:         1 M7220   Plantar fascial fibromatosis, unspecified foot\r\n"
    "Delete:      1 A000    Cholera due to Vibrio cholerae 01, biovar cholerae\r\n"
    "Revise from: 1 Z999    Old title\r\n"
    "Revise to:   1 Z999    New title\r\n"
    "\r\n"
    "Codes\r\n"
    "      1 additions\r\n";

START_TEST(test_order_addenda)
{
	const struct src s[] = {
		{ "icd10cm-order", order_2026, 20251001, 20260930, "FY2026 test" },
		{ "icd10cm-addenda", addenda_2027, 20261001, 20270930,
		  "FY2027 test" },
	};
	struct clm_codeset *cs = build(s, 2);
	struct clm_code_info ci;
	struct clm_release r;

	/* M72.2: billable until 2026-09-30, a header from 2026-10-01 */
	ck_assert_int_eq(clm_codeset_lookup(cs, CLM_SYS_ICD10CM, "M72.2",
	    20260930, &ci), CLM_CODE_VALID);
	ck_assert_int_eq(ci.valid_from, 20251001);
	ck_assert_int_eq(ci.valid_to, 20260930);
	ck_assert_int_eq(clm_codeset_lookup(cs, CLM_SYS_ICD10CM, "M72.2",
	    20261001, &ci), CLM_CODE_HEADER);
	ck_assert_str_eq(ci.release, "FY2027 test");
	ck_assert_int_eq(st(cs, CLM_SYS_ICD10CM, "M72.20", 20260930),
	    CLM_CODE_NOT_EFFECTIVE);
	ck_assert_int_eq(st(cs, CLM_SYS_ICD10CM, "M72.20", 20261001),
	    CLM_CODE_VALID);
	/* deleted on 2026-10-01 */
	ck_assert_int_eq(clm_codeset_lookup(cs, CLM_SYS_ICD10CM, "A00.0",
	    20261001, &ci), CLM_CODE_NOT_EFFECTIVE);
	ck_assert_int_eq(ci.valid_to, 20260930);
	/* unchanged: one span over both years */
	ck_assert_int_eq(clm_codeset_lookup(cs, CLM_SYS_ICD10CM, "B88.0",
	    20270101, &ci), CLM_CODE_VALID);
	ck_assert_int_eq(ci.valid_from, 20251001);
	ck_assert_int_eq(ci.valid_to, 20270930);
	/* revised title */
	clm_codeset_lookup(cs, CLM_SYS_ICD10CM, "Z99.9", 20270101, &ci);
	ck_assert_str_eq(ci.desc, "New title");
	clm_codeset_lookup(cs, CLM_SYS_ICD10CM, "Z99.9", 20260101, &ci);
	ck_assert_str_eq(ci.desc, "Old title");
	ck_assert(clm_codeset_release_on(cs, CLM_REL_CODES, CLM_SYS_ICD10CM,
	    20261127, &r));
	ck_assert_int_eq(r.count, 4);
	ck_assert(!clm_codeset_release_on(cs, CLM_REL_CODES, CLM_SYS_ICD10CM,
	    20271001, &r));
	clm_codeset_close(cs);
}
END_TEST

/* An April 1 update splits the fiscal year; the next addenda build on it. */
START_TEST(test_april_update)
{
	static const char april[] =
	    "Add:         1 B8808   April addition\r\n";
	struct clm_csb *b = clm_csb_new();
	struct clm_error err;
	struct clm_codeset *cs;
	struct clm_code_info ci;
	struct clm_release r;
	unsigned char *img;
	size_t len;

	ck_assert_int_eq(clm_csb_add_mem(b, "icd10cm-order", order_2026,
	    strlen(order_2026), "icd10cm_order_2026.txt", 0, 0, NULL, &err), 0);
	ck_assert_int_eq(clm_csb_add_mem(b, "icd10cm-addenda", april,
	    strlen(april), "icd10cm-order-addenda-April-2026.txt", 0, 0, NULL,
	    &err), 0);
	ck_assert_int_eq(clm_csb_add_mem(b, "icd10cm-addenda", addenda_2027,
	    strlen(addenda_2027), "icd10cm_order_addenda_2027.txt", 0, 0, NULL,
	    &err), 0);
	ck_assert_int_eq(clm_csb_image(b, &img, &len, &err), 0);
	clm_csb_free(b);
	cs = clm_codeset_open_mem(img, len, "april", &err);
	free(img);
	ck_assert(clm_codeset_release(cs, 0, &r));
	ck_assert_str_eq(r.name, "ICD-10-CM FY2026");
	ck_assert_int_eq(r.to, 20260331);
	ck_assert(clm_codeset_release(cs, 1, &r));
	ck_assert_str_eq(r.name, "ICD-10-CM FY2026 April update");
	ck_assert_int_eq(r.from, 20260401);
	ck_assert_int_eq(r.to, 20260930);
	ck_assert_int_eq(st(cs, CLM_SYS_ICD10CM, "B88.08", 20260331),
	    CLM_CODE_NOT_EFFECTIVE);
	ck_assert_int_eq(clm_codeset_lookup(cs, CLM_SYS_ICD10CM, "B88.08",
	    20261127, &ci), CLM_CODE_VALID);
	ck_assert_int_eq(ci.valid_from, 20260401);
	ck_assert_str_eq(ci.release, "ICD-10-CM FY2027");
	/* unchanged codes keep one span across all three releases */
	clm_codeset_lookup(cs, CLM_SYS_ICD10CM, "B88.0", 20260101, &ci);
	ck_assert_int_eq(ci.valid_from, 20251001);
	ck_assert_int_eq(ci.valid_to, 20270930);
	clm_codeset_close(cs);
}
END_TEST

/* Named releases through add_mem need a name: use file-name defaults. */
START_TEST(test_release_names)
{
	struct clm_csb *b = clm_csb_new();
	struct clm_error err;

	ck_assert_int_eq(clm_csb_add_mem(b, "icd10cm-order", order_2026,
	    strlen(order_2026), "icd10cm_order_2026.txt", 0, 0, NULL, &err), 0);
	ck_assert_int_eq(clm_csb_add_mem(b, "icd10cm-addenda", addenda_2027,
	    strlen(addenda_2027), "x.txt", 0, 0, NULL, &err), -CLM_EUSAGE);
	ck_assert(strstr(err.msg, "cannot tell the dates") != NULL);
	ck_assert_int_eq(clm_csb_add_mem(b, "icd10cm-addenda", addenda_2027,
	    strlen(addenda_2027), "icd10cm_order_addenda_2027.txt", 0, 0, NULL,
	    &err), 0);
	ck_assert_int_eq(clm_csb_add_mem(b, "nonsense", "", 0, "x", 0, 0, NULL,
	    &err), -CLM_EUSAGE);
	clm_csb_free(b);
	ck_assert_str_eq(clm_csb_detect("a/icd10cm_order_2026.txt", NULL, 0),
	    "icd10cm-order");
	ck_assert_str_eq(clm_csb_detect("icd10cm-order-addenda-2024.txt",
	    NULL, 0), "icd10cm-addenda");
	ck_assert_str_eq(clm_csb_detect("HCPC2025_JAN_ANWEB.txt", NULL, 0),
	    "hcpcs");
	ck_assert_str_eq(clm_csb_detect("x.xml", "<?xml?><ICD10CM.tabular>",
	    24), "icd10cm-tabular");
	ck_assert_ptr_null(clm_csb_detect("notes.txt", "hello", 5));
}
END_TEST

START_TEST(test_source_errors)
{
	struct clm_csb *b = clm_csb_new();
	struct clm_error err;
	static const char bad_order[] = ORD("00001", "A000   ", "1", "ok")
	    "00002 a000    7 bad\r\n";

	ck_assert_int_eq(clm_csb_add_mem(b, "icd10cm-addenda", addenda_2027,
	    strlen(addenda_2027), "a", 20261001, 0, NULL, &err), -CLM_EUSAGE);
	ck_assert(strstr(err.msg, "previous year") != NULL);
	ck_assert_int_eq(clm_csb_add_mem(b, "icd10cm-order", bad_order,
	    strlen(bad_order), "o", 20251001, 0, NULL, &err), -CLM_EFORMAT);
	ck_assert_int_eq(err.line, 2);
	ck_assert_int_eq(clm_csb_add_mem(b, "icd10cm-list", "X1\t2\tz\n", 7,
	    "l", 20251001, 0, NULL, &err), -CLM_EFORMAT);
	ck_assert_int_eq(clm_csb_add_mem(b, "ptp", "97110\t97140\t5\n", 14,
	    "p", 20251001, 0, NULL, &err), -CLM_EFORMAT);
	ck_assert_int_eq(clm_csb_add_mem(b, "icd10cm-tabular", "<a><b></a>",
	    10, "t", 20251001, 0, NULL, &err), -CLM_EFORMAT);
	ck_assert_int_eq(clm_csb_add_mem(b, "icd10cm-tabular", "<foo/>", 6,
	    "t", 20251001, 0, NULL, &err), -CLM_EFORMAT);
	clm_csb_free(b);
}
END_TEST

/* A 320-column HCPCS record. */
static void
hcpcs_rec(char *line, const char *code, char rid, const char *desc,
    const char *added, const char *actdate, const char *term, char action)
{
	memset(line, ' ', 320);
	memcpy(line, code, strlen(code));
	memcpy(line + 5, "00100", 5);
	line[10] = rid;
	memcpy(line + 11, desc, strlen(desc));
	memcpy(line + 268, added, strlen(added));
	memcpy(line + 276, actdate, strlen(actdate));
	memcpy(line + 284, term, strlen(term));
	line[292] = action;
	memcpy(line + 320, "\r\n", 3);
}

START_TEST(test_hcpcs)
{
	char text[6 * 330] = "", line[330];
	struct clm_codeset *cs;
	struct clm_code_info ci;
	long ad;

	hcpcs_rec(line, "G0283", '3', "Electrical stimulation", "20030101",
	    "20030101", "", 'N');
	strcat(text, line);
	hcpcs_rec(line, "G0283", '4', "(unattended)", "", "", "", ' ');
	strcat(text, line);
	hcpcs_rec(line, "G0999", '3', "Ended code", "20100101", "20241231",
	    "20241231", 'D');
	strcat(text, line);
	hcpcs_rec(line, "   GP", '7', "Physical therapy plan of care",
	    "19990101", "19990101", "", 'N');
	strcat(text, line);
	{
		const struct src s[] = { { "hcpcs", text, 20250101, 0, NULL } };

		cs = build(s, 1);
	}
	ck_assert_int_eq(clm_codeset_lookup(cs, CLM_SYS_HCPCS, "G0283",
	    20261127, &ci), CLM_CODE_VALID);
	ck_assert_str_eq(ci.desc, "Electrical stimulation (unattended)");
	ck_assert_int_eq(ci.valid_from, 20030101);
	ck_assert_int_eq(st(cs, CLM_SYS_HCPCS, "G0999", 20241231),
	    CLM_CODE_VALID);
	ck_assert_int_eq(st(cs, CLM_SYS_HCPCS, "G0999", 20250101),
	    CLM_CODE_NOT_EFFECTIVE);
	ck_assert_int_eq(clm_codeset_hcpcs_action(cs, "G0999", 20241231, &ad),
	    'D');
	ck_assert_int_eq(ad, 20241231);
	ck_assert_int_eq(st(cs, CLM_SYS_MODIFIER, "GP", 20261127),
	    CLM_CODE_VALID);
	ck_assert(clm_codeset_has(cs, CLM_SYS_MODIFIER));
	clm_codeset_close(cs);
}
END_TEST

static const char ptp_rows[] =
    "CPT only copyright notice\n"
    "Column1\tColumn2\t*\tEffective\tDeletion\tModifier\tRationale\n"
    "97140\t97530\t\t20200101\t*\t1\tMisuse\n"
    "97140\t97750\t\t20200101\t20231231\t0\tOld\n"
    "97140\t97750\t\t20240101\t*\t1\tNew\n";
static const char mue_csv[] =
    "\"notice spanning\nlines\",,,\n"
    "\"HCPCS/\nCPT Code\",MUE Values,MAI,Rationale\n"
    "97110,6,3 Date of Service Edit: Clinical,Clinical: Data\n"
    "G0283,1,2 Date of Service Edit: Policy,CMS Policy\n";

START_TEST(test_ncci)
{
	const struct src s[] = {
		{ "ptp", ptp_rows, 20260101, 0, NULL },
		{ "ptp", "column1\tcolumn2\tmodifier_indicator\n"
		  "90837\t90832\t0\n", 20260701, 0, NULL },
		{ "mue", mue_csv, 20260401, 0, NULL },
		{ "mue", "97110,4,3 Date of Service Edit: Clinical,x\n", 20260701,
		  0, NULL },
	};
	struct clm_codeset *cs = build(s, 4);
	struct clm_ptp p;
	struct clm_mue m;

	ck_assert(clm_codeset_ptp(cs, "97140", "97530", 20261127, &p));
	ck_assert_int_eq(p.modifier_ind, 1);
	ck_assert_int_eq(p.del, 0);
	ck_assert(!clm_codeset_ptp(cs, "97530", "97140", 20261127, &p));
	ck_assert(clm_codeset_ptp(cs, "97140", "97750", 20230601, &p));
	ck_assert_int_eq(p.modifier_ind, 0);
	ck_assert_int_eq(p.del, 20231231);
	ck_assert(clm_codeset_ptp(cs, "97140", "97750", 20240601, &p));
	ck_assert_int_eq(p.modifier_ind, 1);
	ck_assert(clm_codeset_ptp(cs, "90837", "90832", 20260701, &p));
	ck_assert_int_eq(p.eff, 20260701);
	ck_assert(!clm_codeset_ptp(cs, "90837", "90832", 20260630, &p));
	/* the Q3 release ends Q2's rows the day before it starts */
	ck_assert(clm_codeset_mue(cs, "97110", 20260630, &m));
	ck_assert_int_eq(m.value, 6);
	ck_assert_int_eq(m.mai, 3);
	ck_assert_int_eq(m.del, 20260630);
	ck_assert(clm_codeset_mue(cs, "97110", 20261127, &m));
	ck_assert_int_eq(m.value, 4);
	ck_assert_int_eq(m.del, 0);
	ck_assert(!clm_codeset_mue(cs, "G0283", 20261127, &m));
	ck_assert(clm_codeset_mue(cs, "G0283", 20260401, &m));
	ck_assert_int_eq(m.mai, 2);
	ck_assert_int_eq(m.eff, 20260401);
	ck_assert(!clm_codeset_mue(cs, "G0283", 20260331, &m));
	ck_assert(!clm_codeset_mue(cs, "99999", 20261127, &m));
	clm_codeset_close(cs);
}
END_TEST

static const char tabular[] =
    "<?xml version=\"1.0\"?>\n<ICD10CM.tabular><version>2023</version>"
    "<chapter><section id=\"S50-S59\">"
    "<diag><name>S52</name><desc>Fracture of forearm</desc>"
    "<excludes1><note>traumatic amputation of forearm (S58.-)</note>"
    "</excludes1>"
    "<sevenChrDef><extension char=\"A\">initial encounter</extension>"
    "<extension char=\"D\">subsequent encounter</extension>"
    "<extension char=\"S\">sequela</extension></sevenChrDef>"
    "<diag><name>S52.5</name><diag><name>S52.501</name></diag></diag>"
    "</diag>"
    "<diag><name>F32</name><excludes1><note>recurrent depressive "
    "disorder (F33.-)</note><note>mood disorders (F30-F31, F34.8)"
    "</note></excludes1>"
    "<diag><name>F32.9</name></diag></diag>"
    "<diag><name>F02</name><codeFirst><note>the underlying condition"
    "</note></codeFirst><diag><name>F02.80</name></diag></diag>"
    "</section></chapter></ICD10CM.tabular>\n";

START_TEST(test_tabular)
{
	const struct src s[] = {
		{ "icd10cm-tabular", tabular, 20221001, 20230930,
		  "ICD-10-CM tabular FY2023 test" }
	};
	struct clm_codeset *cs = build(s, 1);
	struct clm_icd_7th sv;
	struct clm_excludes1 ex;
	struct clm_icd_attr a;

	ck_assert(clm_codeset_icd_7th(cs, "S52.501", 20261127, &sv));
	ck_assert_str_eq(sv.chars, "ADS");
	ck_assert_str_eq(sv.defined_at, "S52");
	ck_assert_str_eq(sv.release, "ICD-10-CM tabular FY2023 test");
	ck_assert_str_eq(clm_codeset_icd_7th_desc(cs, &sv, 'D'),
	    "subsequent encounter");
	ck_assert_ptr_null(clm_codeset_icd_7th_desc(cs, &sv, 'B'));
	ck_assert(!clm_codeset_icd_7th(cs, "F32.9", 20261127, &sv));
	ck_assert(clm_codeset_icd_7th(cs, "S52.501A", 20261127, &sv));
	ck_assert_int_eq(clm_icd_7th_check(&sv, "S52.501A"), CLM_ICD7_OK);
	ck_assert_int_eq(clm_icd_7th_check(&sv, "S52.501"), CLM_ICD7_MISSING);
	ck_assert_int_eq(clm_icd_7th_check(&sv, "S52.501B"), CLM_ICD7_BADCHAR);
	ck_assert_int_eq(clm_icd_7th_check(&sv, "S5X.501A"),
	    CLM_ICD7_PLACEHOLDER);
	{
		char pad[16];

		ck_assert_int_eq(clm_icd_7th_pad("S30.0", 'a', pad,
		    sizeof(pad)), 7);
		ck_assert_str_eq(pad, "S300XXA");
		ck_assert_int_eq(clm_icd_7th_pad("S30.0123", 'A', pad,
		    sizeof(pad)), -1);
	}
	ck_assert(clm_codeset_excludes1(cs, "F32.9", "F33.1", 20261127, &ex));
	ck_assert_str_eq(ex.at, "F32");
	ck_assert_int_eq(ex.reversed, 0);
	ck_assert(strstr(ex.note, "recurrent") != NULL);
	ck_assert(clm_codeset_excludes1(cs, "F33.1", "F32.9", 20261127, &ex));
	ck_assert_int_eq(ex.reversed, 1);
	ck_assert(clm_codeset_excludes1(cs, "F32.9", "F30.1", 20261127, &ex));
	ck_assert(clm_codeset_excludes1(cs, "F32.9", "F31.81", 20261127, &ex));
	ck_assert(clm_codeset_excludes1(cs, "F32.9", "F34.81", 20261127, &ex));
	ck_assert(!clm_codeset_excludes1(cs, "F32.9", "F34.1", 20261127, &ex));
	ck_assert(!clm_codeset_excludes1(cs, "F32.9", "F41.1", 20261127, &ex));
	ck_assert(clm_codeset_excludes1(cs, "S52.501A", "S58.011A", 20261127,
	    &ex));
	ck_assert_uint_eq(clm_codeset_icd_attr(cs, "F02.80", 20261127, &a),
	    CLM_ICD_CODE_FIRST);
	ck_assert_str_eq(a.code_first_note, "the underlying condition");
	ck_assert_uint_eq(clm_codeset_icd_attr(cs, "F32.9", 20261127, &a), 0);
	clm_codeset_close(cs);
}
END_TEST

START_TEST(test_mce_pos_taxonomy)
{
	const struct src s[] = {
		{ "mce", "MCE_Version\tICD_Version\tMCE_Section\tMCE_Subsection\t"
		  "MCE_Edit_Type\tICD_Code_Type\tICD_Code\tICD_Desc\n"
		  "37\t10\t4\tC\tMaternity_Only\tD\tO80\tDelivery\n"
		  "37\t10\t5\tA\tFemale_Only\tD\tO80\tDelivery\n"
		  "37\t10\t5\tB\tFemale_Only\tP\t0UT90ZZ\tProc\n", 20191001,
		  20200930, "MCE v37 (FY2020) test" },
		{ "pos", "<CodeSystem><concept><code value=\"10\"/><display "
		  "value=\"Telehealth in home\"/><definition value=\"x "
		  "(Effective January 1, 2022)\"/></concept><concept><code "
		  "value=\"11\"/><display value=\"Office\"/></concept>"
		  "</CodeSystem>", 19000101, 0, NULL },
		{ "taxonomy", "Code,Grouping,Classification,Specialization,"
		  "Definition,Notes,Display Name,Section\r\n207Q00000X,Allopathic,"
		  "Family Medicine,,\"def, with comma\",,Family Medicine "
		  "Physician,Individual\r\n", 19000101, 0, NULL },
	};
	struct clm_codeset *cs = build(s, 3);
	struct clm_icd_attr a;
	struct clm_code_info ci;

	ck_assert_uint_eq(clm_codeset_icd_attr(cs, "O80", 20261127, &a),
	    CLM_ICD_SEX_FEMALE | CLM_ICD_AGE_MATERNITY);
	ck_assert_str_eq(a.mce_release, "MCE v37 (FY2020) test");
	ck_assert(!clm_icd_age_ok(a.flags, 60));
	ck_assert(clm_icd_age_ok(a.flags, 30));
	ck_assert(clm_icd_age_ok(0, 200));
	ck_assert(!clm_icd_age_ok(CLM_ICD_AGE_NEWBORN, 1));
	ck_assert_int_eq(st(cs, CLM_SYS_POS, "10", 20211231),
	    CLM_CODE_NOT_EFFECTIVE);
	ck_assert_int_eq(st(cs, CLM_SYS_POS, "10", 20220101), CLM_CODE_VALID);
	ck_assert_int_eq(st(cs, CLM_SYS_POS, "11", 19990101), CLM_CODE_VALID);
	ck_assert_int_eq(clm_codeset_lookup(cs, CLM_SYS_TAXONOMY,
	    "207Q00000X", 20261127, &ci), CLM_CODE_VALID);
	ck_assert_str_eq(ci.desc, "Family Medicine Physician");
	clm_codeset_close(cs);
}
END_TEST

static unsigned char *
starter_image(size_t *len)
{
	struct clm_csb *b = clm_csb_new();
	struct clm_error err;
	unsigned char *img;

	ck_assert_int_eq(clm_csb_add_mem(b, "icd10cm-list", icd_list,
	    strlen(icd_list), "l", 20151001, 0, NULL, &err), 0);
	ck_assert_int_eq(clm_csb_add_mem(b, "ptp", ptp_rows, strlen(ptp_rows),
	    "p", 20260101, 0, NULL, &err), 0);
	ck_assert_int_eq(clm_csb_add_mem(b, "icd10cm-tabular", tabular,
	    strlen(tabular), "t", 20221001, 0, NULL, &err), 0);
	ck_assert_int_eq(clm_csb_image(b, &img, len, &err), 0);
	clm_csb_free(b);
	return img;
}

/* Every lookup on a possibly damaged index: must not crash. */
static void
poke(const struct clm_codeset *cs)
{
	struct clm_code_info ci;
	struct clm_icd_7th sv;
	struct clm_excludes1 ex;
	struct clm_release r;
	struct clm_ptp p;
	struct clm_mue m;
	const char *kids[4];

	clm_codeset_lookup(cs, CLM_SYS_ICD10CM, "M54.5", 20261127, &ci);
	clm_codeset_lookup(cs, CLM_SYS_ICD10CM, "M54.50", 20200101, &ci);
	clm_codeset_billable_below(cs, CLM_SYS_ICD10CM, "M54", 20261127, kids,
	    4);
	if (clm_codeset_icd_7th(cs, "S52.501A", 20261127, &sv))
		clm_codeset_icd_7th_desc(cs, &sv, 'A');
	clm_codeset_excludes1(cs, "F32.9", "F33.1", 20261127, &ex);
	clm_codeset_icd_attr(cs, "F02.80", 20261127, NULL);
	clm_codeset_ptp(cs, "97140", "97750", 20240601, &p);
	clm_codeset_mue(cs, "97110", 20261127, &m);
	for (size_t i = 0; clm_codeset_release(cs, i, &r); i++)
		;
	clm_codeset_release_on(cs, CLM_REL_PTP, CLM_SYS_ICD10CM, 20261127, &r);
	clm_codeset_hcpcs_action(cs, "G0283", 20261127, NULL);
}

START_TEST(test_damaged)
{
	size_t len;
	unsigned char *img = starter_image(&len);
	struct clm_error err;
	struct clm_codeset *cs;
	int verify_failed = 0;

	/* every truncation is refused */
	for (size_t n = 0; n < len; n += n < 256 ? 1 : 61) {
		cs = clm_codeset_open_mem(img, n, "cut", &err);
		ck_assert_ptr_null(cs);
		ck_assert_int_eq(err.code, CLM_EFORMAT);
	}
	ck_assert(strstr(err.msg, "truncated") != NULL);
	/* a damaged header or section table is refused */
	for (size_t i = 0; i < 64 + 24 * 10; i++) {
		img[i] ^= 0x5a;
		cs = clm_codeset_open_mem(img, len, "hdr", &err);
		ck_assert_ptr_null(cs);
		img[i] ^= 0x5a;
	}
	/* damaged payload bytes: open works, lookups survive, verify fails */
	for (size_t i = 64 + 24 * 10; i < len; i += 3) {
		img[i] ^= 0xff;
		cs = clm_codeset_open_mem(img, len, "payload", &err);
		if (cs != NULL) {
			poke(cs);
			verify_failed += clm_codeset_verify(cs, &err) < 0;
			clm_codeset_close(cs);
		}
		img[i] ^= 0xff;
	}
	ck_assert_int_gt(verify_failed, 0);
	ck_assert(strstr(err.msg, "checksum") != NULL);
	/* foreign bytes and a newer format version */
	cs = clm_codeset_open_mem("hello, world\n", 13, "text", &err);
	ck_assert_ptr_null(cs);
	memcpy(img + 8, "\x02\0\0\0", 4);
	cs = clm_codeset_open_mem(img, len, "v2", &err);
	ck_assert_ptr_null(cs);
	ck_assert(strstr(err.msg, "version 2") != NULL);
	free(img);
}
END_TEST

START_TEST(test_files)
{
	char *dir = helper_tmpdir(), path[512], man[512], list[512];
	struct clm_csb *b = clm_csb_new();
	struct clm_error err;
	struct clm_codeset *cs;
	struct stat sb;
	FILE *fp;

	snprintf(path, sizeof(path), "%s/x.clmidx", dir);
	snprintf(man, sizeof(man), "%s/MANIFEST", dir);
	snprintf(list, sizeof(list), "%s/icd.tsv", dir);
	fp = fopen(list, "w");
	fputs(icd_list, fp);
	fclose(fp);
	fp = fopen(man, "w");
	fputs("# test\nicd10cm-list icd.tsv 20151001 - My list\n", fp);
	fclose(fp);
	ck_assert_int_eq(clm_csb_manifest(b, man, &err), 0);
	ck_assert_int_eq(clm_csb_write(b, path, &err), 0);
	clm_csb_free(b);
	ck_assert_int_eq(stat(path, &sb), 0);
	ck_assert_int_eq(sb.st_mode & 0777, 0644);
	cs = clm_codeset_open_default(path, &err);
	ck_assert_ptr_nonnull(cs);
	ck_assert_int_eq(clm_codeset_release_count(cs), 1);
	ck_assert_int_eq(st(cs, CLM_SYS_ICD10CM, "M54.59", 20261127),
	    CLM_CODE_VALID);
	clm_codeset_close(cs);
	setenv("CLM_CODESETS", path, 1);
	cs = clm_codeset_open_default(NULL, &err);
	ck_assert_ptr_nonnull(cs);
	ck_assert_str_eq(clm_codeset_path(cs), path);
	clm_codeset_close(cs);
	unsetenv("CLM_CODESETS");
	/* empty file, missing file, a bad manifest line */
	fclose(fopen(list, "w"));
	ck_assert_ptr_null(clm_codeset_open(list, &err));
	ck_assert_ptr_null(clm_codeset_open("/nonexistent/x", &err));
	ck_assert_int_eq(err.code, CLM_EIO);
	fp = fopen(man, "w");
	fputs("\nicd10cm-list icd.tsv 2015-10-01\n", fp);
	fclose(fp);
	b = clm_csb_new();
	ck_assert_int_lt(clm_csb_manifest(b, man, &err), 0);
	ck_assert_int_eq(err.line, 2);
	clm_csb_free(b);
	helper_rmtree(dir);
	free(dir);
}
END_TEST

/* ---- real releases from ../shared/codesets (skipped when absent) ---- */

static struct clm_codeset *shared_cs;

static struct clm_codeset *
shared_index(void)
{
	static const char *const files[][2] = {
		{ "icd10cm-order", "icd10cm/fy2024/icd10cm_order_2024.txt.gz" },
		{ "icd10cm-order", "icd10cm/fy2025/icd10cm_order_2025.txt.gz" },
		{ "icd10cm-order", "icd10cm/fy2026/icd10cm_order_2026.txt.gz" },
		{ "icd10cm-addenda", "icd10cm/fy2027/icd10cm_order_addenda_2027.txt" },
		{ "icd10cm-tabular", "icd10cm/tabular/icd10cm_tabular_2023.xml.gz" },
		{ "hcpcs", "hcpcs/2025-q1-jan/HCPC2025_JAN_ANWEB_12172024.txt.gz" },
		{ "mue", "ncci/mue/MCR_MUE_PractitionerServices_Eff_04-01-2026.csv.gz" },
		{ "ptp", "ncci/ptp/ptp_practitioner_active_pairs_2026q3_derived.tsv" },
		{ "pos", "pos/cs-CMS-PlaceofServiceCodes.xml" },
		{ "taxonomy", "nucc/nucc_taxonomy_251.csv" },
		{ "mce", "mce/MCE_Simple_Code_Edits_v37.txt" },
	};
	const char *shared = helper_shared();
	struct clm_csb *b;
	struct clm_error err;
	unsigned char *img;
	size_t len;

	if (shared == NULL)
		fprintf(stderr, "note: ../shared absent: shared tests skipped\n");
	if (shared_cs != NULL || shared == NULL)
		return shared_cs;
	b = clm_csb_new();
	for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		char path[4096];
		struct stat sb;

		snprintf(path, sizeof(path), "%s/codesets/%s", shared,
		    files[i][1]);
		if (stat(path, &sb) != 0) {
			fprintf(stderr, "note: %s absent: shared tests skipped\n",
			    path);
			clm_csb_free(b);
			return NULL;
		}
		ck_assert_msg(clm_csb_add(b, files[i][0], path, 0, 0, NULL,
		    &err) == 0, "%s: %s", path, err.msg);
	}
	ck_assert_int_eq(clm_csb_image(b, &img, &len, &err), 0);
	clm_csb_free(b);
	shared_cs = clm_codeset_open_mem(img, len, "shared", &err);
	free(img);
	return shared_cs;
}

static size_t
billable_on(const struct clm_codeset *cs, long date)
{
	size_t n = 0;

	for (char c = 'A'; c <= 'Z'; c++) {
		char h[2] = { c, '\0' };

		n += clm_codeset_billable_below(cs, CLM_SYS_ICD10CM, h, date,
		    NULL, 0);
	}
	return n;
}

START_TEST(test_shared_icd)
{
	struct clm_codeset *cs = shared_index();
	struct clm_code_info ci;
	struct clm_release r;

	if (cs == NULL)
		return;
	/* counts published with each release */
	ck_assert_uint_eq(billable_on(cs, 20231001), 74044);
	ck_assert_uint_eq(billable_on(cs, 20250930), 74260);
	ck_assert_uint_eq(billable_on(cs, 20251001), 74719);
	ck_assert_uint_eq(billable_on(cs, 20261127), 74879);
	ck_assert(clm_codeset_release_on(cs, CLM_REL_CODES, CLM_SYS_ICD10CM,
	    20261127, &r));
	ck_assert_str_eq(r.name, "ICD-10-CM FY2027");
	ck_assert_int_eq(r.count, 23524 + 74879);
	/* M72.2 became a header on 2026-10-01 (M72.20-M72.22 added) */
	ck_assert_int_eq(clm_codeset_lookup(cs, CLM_SYS_ICD10CM, "M72.2",
	    20260930, &ci), CLM_CODE_VALID);
	ck_assert_int_eq(ci.valid_from, 20231001);
	ck_assert_int_eq(ci.valid_to, 20260930);
	ck_assert_int_eq(st(cs, CLM_SYS_ICD10CM, "M72.2", 20261001),
	    CLM_CODE_HEADER);
	ck_assert_int_eq(st(cs, CLM_SYS_ICD10CM, "M72.21", 20260930),
	    CLM_CODE_NOT_EFFECTIVE);
	ck_assert_int_eq(st(cs, CLM_SYS_ICD10CM, "M72.21", 20261001),
	    CLM_CODE_VALID);
	/* B88.0 became a header on 2025-10-01 */
	ck_assert_int_eq(st(cs, CLM_SYS_ICD10CM, "B88.0", 20250930),
	    CLM_CODE_VALID);
	ck_assert_int_eq(st(cs, CLM_SYS_ICD10CM, "B88.0", 20251001),
	    CLM_CODE_HEADER);
	ck_assert_int_eq(st(cs, CLM_SYS_ICD10CM, "B88.01", 20251001),
	    CLM_CODE_VALID);
	/* FY2027 additions and M54.5 */
	ck_assert_int_eq(st(cs, CLM_SYS_ICD10CM, "C78.31", 20261001),
	    CLM_CODE_VALID);
	ck_assert_int_eq(st(cs, CLM_SYS_ICD10CM, "C78.31", 20260930),
	    CLM_CODE_NOT_EFFECTIVE);
	ck_assert_int_eq(st(cs, CLM_SYS_ICD10CM, "M54.5", 20261127),
	    CLM_CODE_HEADER);
	ck_assert_int_eq(clm_codeset_lookup(cs, CLM_SYS_ICD10CM, "F43.10",
	    20261127, &ci), CLM_CODE_VALID);
	ck_assert_int_eq(ci.valid_from, 20231001);
	ck_assert_int_eq(st(cs, CLM_SYS_ICD10CM, "F43.10", 20230930),
	    CLM_CODE_NOT_EFFECTIVE);
}
END_TEST

START_TEST(test_shared_other)
{
	struct clm_codeset *cs = shared_index();
	struct clm_icd_7th sv;
	struct clm_excludes1 ex;
	struct clm_ptp p;
	struct clm_mue m;
	struct clm_code_info ci;

	if (cs == NULL)
		return;
	ck_assert(clm_codeset_icd_7th(cs, "S52.501", 20261127, &sv));
	ck_assert_str_eq(sv.defined_at, "S52");
	ck_assert_str_eq(sv.chars, "ABCDEFGHJKMNPQRS");
	ck_assert(clm_codeset_icd_7th(cs, "T36.0X1", 20261127, &sv));
	ck_assert_int_eq(clm_icd_7th_check(&sv, "T36.0X1A"), CLM_ICD7_OK);
	ck_assert(clm_codeset_excludes1(cs, "F32.9", "F33.1", 20261127, &ex));
	ck_assert(clm_codeset_icd_attr(cs, "F02.80", 20261127, NULL) &
	    CLM_ICD_CODE_FIRST);
	ck_assert(clm_codeset_icd_attr(cs, "O80", 20261127, NULL) &
	    CLM_ICD_SEX_FEMALE);
	ck_assert(clm_codeset_icd_attr(cs, "N40.0", 20261127, NULL) &
	    CLM_ICD_SEX_MALE);
	ck_assert_int_eq(clm_codeset_lookup(cs, CLM_SYS_HCPCS, "G0283",
	    20261127, &ci), CLM_CODE_VALID);
	ck_assert_str_eq(ci.release, "HCPCS 2025 Q1");
	ck_assert_int_eq(st(cs, CLM_SYS_MODIFIER, "GP", 20261127),
	    CLM_CODE_VALID);
	ck_assert_int_eq(st(cs, CLM_SYS_MODIFIER, "XU", 20261127),
	    CLM_CODE_VALID);
	ck_assert(clm_codeset_mue(cs, "97110", 20261127, &m));
	ck_assert_int_eq(m.value, 6);
	ck_assert_int_eq(m.mai, 3);
	ck_assert(clm_codeset_ptp(cs, "90837", "90832", 20261127, &p));
	ck_assert_int_eq(p.modifier_ind, 0);
	ck_assert_int_eq(st(cs, CLM_SYS_POS, "02", 20161231),
	    CLM_CODE_NOT_EFFECTIVE);
	ck_assert_int_eq(st(cs, CLM_SYS_POS, "11", 20261127), CLM_CODE_VALID);
	ck_assert_int_eq(st(cs, CLM_SYS_TAXONOMY, "207Q00000X", 20261127),
	    CLM_CODE_VALID);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("codeset");
	TCase *tc = tcase_create("core");
	TCase *sh = tcase_create("shared");
	SRunner *sr;
	int failed;

	tcase_add_test(tc, test_list_dates);
	tcase_add_test(tc, test_keys);
	tcase_add_test(tc, test_order_addenda);
	tcase_add_test(tc, test_release_names);
	tcase_add_test(tc, test_april_update);
	tcase_add_test(tc, test_source_errors);
	tcase_add_test(tc, test_hcpcs);
	tcase_add_test(tc, test_ncci);
	tcase_add_test(tc, test_tabular);
	tcase_add_test(tc, test_mce_pos_taxonomy);
	tcase_add_test(tc, test_damaged);
	tcase_add_test(tc, test_files);
	tcase_set_timeout(tc, 60);
	tcase_add_test(sh, test_shared_icd);
	tcase_add_test(sh, test_shared_other);
	tcase_set_timeout(sh, 120);
	suite_add_tcase(s, tc);
	suite_add_tcase(s, sh);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	clm_codeset_close(shared_cs);
	return failed == 0 ? 0 : 1;
}
