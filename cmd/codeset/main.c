/*
 * clm-codeset - build, inspect and query the compiled code-set index.
 *   clm-codeset build -o FILE [-m MANIFEST]... [KIND=]SOURCE...
 *   clm-codeset info [--verify] [--codesets FILE]
 *   clm-codeset lookup [--codesets FILE] [--date D] [--system S] CODE...
 * Not a claim filter: a thin front end over lib/clm_codeset*.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "clm.h"
#include "clm_codeset.h"
#include "clm_codeset_build.h"
#include "clm_tool.h"

static const char usage_text[] =
    "usage: clm-codeset build -o FILE [-m MANIFEST]... [KIND=]SOURCE...\n"
    "       clm-codeset info [--verify] [--codesets FILE]\n"
    "       clm-codeset lookup [--codesets FILE] [--date CCYYMMDD]\n"
    "                          [--system SYS] [--pairs] CODE...\n"
    "       clm-codeset --help | --version\n";

static void
print_error(const struct clm_error *err)
{
	char buf[1024];

	clm_error_format(err, buf, sizeof(buf));
	fprintf(stderr, "clm-codeset: %s\n", buf);
}

static int
usage(const char *msg)
{
	if (msg != NULL)
		fprintf(stderr, "clm-codeset: %s\n", msg);
	fputs(usage_text, stderr);
	return CLM_EXIT_FAILURE;
}

static void
fmt_date(long d, char *buf, size_t size)
{
	if (d == 0)
		snprintf(buf, size, "open");
	else
		snprintf(buf, size, "%04d-%02d-%02d", (int)(d / 10000 % 10000),
		    (int)(d / 100 % 100), (int)(d % 100));
}

/* CCYYMMDD or CCYY-MM-DD; 0 when neither. */
static long
parse_date(const char *s)
{
	char digits[9];
	size_t n = 0;

	for (; *s != '\0' && n < 9; s++)
		if (*s >= '0' && *s <= '9')
			digits[n++] = *s;
		else if (*s != '-')
			return 0;
	if (n != 8 || *s != '\0')
		return 0;
	digits[8] = '\0';
	return clm_date_valid(atol(digits)) ? atol(digits) : 0;
}

static long
today(void)
{
	const char *env = getenv("CLM_TODAY");
	time_t t = time(NULL);
	struct tm tm;

	if (env != NULL && parse_date(env) != 0)
		return parse_date(env);
	gmtime_r(&t, &tm);
	return (tm.tm_year + 1900) * 10000L + (tm.tm_mon + 1) * 100 +
	    tm.tm_mday;
}

/* ---- build ---- */

static int
build_source(struct clm_csb *b, const char *arg, struct clm_error *err)
{
	const char *eq = strchr(arg, '=');
	char kind[32];

	if (eq != NULL && (size_t)(eq - arg) < sizeof(kind)) {
		snprintf(kind, sizeof(kind), "%.*s", (int)(eq - arg), arg);
		if (clm_csb_kind_ok(kind))
			return clm_csb_add(b, kind, eq + 1, 0, 0, NULL, err);
		if (strchr(kind, '/') == NULL && access(arg, F_OK) != 0)
			return clm_error_set(err, CLM_EUSAGE, "", 0,
			    "unknown source kind '%s' (see clm-codeset(1))",
			    kind);
	}
	return clm_csb_add(b, NULL, arg, 0, 0, NULL, err);
}

static int
cmd_build(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "manifest", required_argument, NULL, 'm' },
		{ "quiet", no_argument, NULL, 'q' },
		{ NULL, 0, NULL, 0 }
	};
	const char *out = NULL;
	struct clm_csb *b = clm_csb_new();
	struct clm_error err;
	int c, rc = 0, nsrc = 0;

	clm_error_clear(&err);
	while (rc == 0 && (c = getopt_long(argc, argv, "o:m:q", opts,
	    NULL)) != -1) {
		if (c == 'o')
			out = optarg;
		else if (c == 'm') {
			rc = clm_csb_manifest(b, optarg, &err);
			nsrc++;
		} else if (c != 'q') {
			clm_csb_free(b);
			return usage(NULL);
		}
	}
	if (rc == 0 && out == NULL) {
		clm_csb_free(b);
		return usage("build: -o FILE is required");
	}
	for (; rc == 0 && optind < argc; optind++, nsrc++)
		rc = build_source(b, argv[optind], &err);
	if (rc == 0 && nsrc == 0) {
		clm_csb_free(b);
		return usage("build: no sources");
	}
	if (rc == 0)
		rc = clm_csb_write(b, out, &err);
	clm_csb_free(b);
	if (rc < 0) {
		print_error(&err);
		return CLM_EXIT_FAILURE;
	}
	return CLM_EXIT_OK;
}

/* ---- info ---- */

static const char *const kind_names[] = {
	"codes", "tabular notes", "MCE lists", "NCCI PTP", "NCCI MUE"
};

static void
print_release(const struct clm_release *r)
{
	char from[40], to[40];
	const char *what = r->kind == CLM_REL_CODES ?
	    clm_code_system_name(r->sys) : (unsigned)r->kind <
	    sizeof(kind_names) / sizeof(kind_names[0]) ? kind_names[r->kind] :
	    "?";

	fmt_date(r->from, from, sizeof(from));
	fmt_date(r->to, to, sizeof(to));
	printf("  %-34s %-13s %s .. %-10s %7ld  %s\n", r->name, what, from, to,
	    r->count, r->source);
}

static int
open_index(const char *path, struct clm_codeset **cs)
{
	struct clm_error err;

	clm_error_clear(&err);
	*cs = clm_codeset_open_default(path, &err);
	if (*cs == NULL) {
		print_error(&err);
		return -1;
	}
	return 0;
}

static int
cmd_info(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "codesets", required_argument, NULL, 'c' },
		{ "verify", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	const char *path = NULL;
	struct clm_codeset *cs;
	struct clm_release r;
	struct clm_error err;
	int c, verify = 0;

	while ((c = getopt_long(argc, argv, "c:", opts, NULL)) != -1) {
		if (c == 'c')
			path = optarg;
		else if (c == 'V')
			verify = 1;
		else
			return usage(NULL);
	}
	if (optind != argc)
		return usage("info: no arguments expected");
	if (open_index(path, &cs) < 0)
		return CLM_EXIT_FAILURE;
	clm_error_clear(&err);
	if (verify && clm_codeset_verify(cs, &err) < 0) {
		print_error(&err);
		clm_codeset_close(cs);
		return CLM_EXIT_FAILURE;
	}
	printf("index %s: %zu releases%s\n", clm_codeset_path(cs),
	    clm_codeset_release_count(cs), verify ? ", checksum ok" : "");
	printf("  %-34s %-13s %-10s .. %-10s %7s  %s\n", "release", "holds",
	    "from", "to", "entries", "source");
	for (size_t i = 0; clm_codeset_release(cs, i, &r); i++)
		print_release(&r);
	clm_codeset_close(cs);
	return CLM_EXIT_OK;
}

/* ---- lookup ---- */

static const char *const state_names[] = {
	"unknown", "valid", "header", "not in force"
};

static void
print_below(const struct clm_codeset *cs, enum clm_code_system sys,
    const char *code, long date)
{
	const char *kids[8];
	size_t n = clm_codeset_billable_below(cs, sys, code, date, kids, 8);
	char buf[32];

	if (n == 0) {
		printf("  why: a category header, not billable\n");
		return;
	}
	printf("  why: a category header, not billable: use");
	for (size_t i = 0; i < n && i < 8; i++) {
		if (sys == CLM_SYS_ICD10CM)
			clm_icd_format(kids[i], buf, sizeof(buf));
		else
			snprintf(buf, sizeof(buf), "%s", kids[i]);
		printf("%s %s", i == 0 ? "" : (i + 1 == n ? " or" : ","), buf);
	}
	if (n > 8)
		printf(" (and %zu more)", n - 8);
	printf("\n");
}

static void
print_why(const struct clm_codeset *cs, enum clm_code_system sys,
    const char *code, long date, const struct clm_code_info *ci)
{
	char from[40], to[40], on[16];

	fmt_date(ci->valid_from, from, sizeof(from));
	fmt_date(ci->valid_to, to, sizeof(to));
	fmt_date(date, on, sizeof(on));
	switch (ci->state) {
	case CLM_CODE_VALID:
		if (ci->valid_from <= 19000101 && ci->valid_to == 0)
			printf("  why: in force (the release gives no start "
			    "date)\n");
		else if (ci->valid_to == 0)
			printf("  why: in force since %s\n", from);
		else
			printf("  why: in force %s .. %s\n", from, to);
		break;
	case CLM_CODE_HEADER:
		print_below(cs, sys, code, date);
		break;
	case CLM_CODE_NOT_EFFECTIVE:
		if (ci->valid_from > date)
			printf("  why: not yet in force on %s (from %s)\n", on,
			    from);
		else
			printf("  why: ended %s (in force %s .. %s)\n", to,
			    from, to);
		break;
	default:
		printf("  why: in no %s release of this index\n",
		    clm_code_system_name(sys));
	}
}

static void
print_icd_extras(const struct clm_codeset *cs, const char *code, long date)
{
	struct clm_icd_7th s7;
	struct clm_icd_attr a;
	unsigned f = clm_codeset_icd_attr(cs, code, date, &a);

	if (clm_codeset_icd_7th(cs, code, date, &s7))
		printf("  7th character: required (%s, defined at %.3s%s%s, "
		    "%s)\n", s7.chars, s7.defined_at,
		    strlen(s7.defined_at) > 3 ? "." : "", s7.defined_at +
		    (strlen(s7.defined_at) > 3 ? 3 : strlen(s7.defined_at)),
		    s7.release);
	if (f & CLM_ICD_CODE_FIRST)
		printf("  code first: %s (%s)\n", a.code_first_note,
		    a.tabular_release);
	if (f & ~(unsigned)CLM_ICD_CODE_FIRST) {
		static const char *const names[] = { "", "manifestation",
			"female only", "male only", "newborn (age 0)",
			"pediatric (0-17)", "maternity (12-55)",
			"adult (15-124)" };

		const char *sep = "";

		printf("  MCE (%s):", a.mce_release);
		for (int i = 1; i < 8; i++)
			if (f & (1u << i)) {
				printf("%s %s", sep, names[i]);
				sep = ",";
			}
		printf("\n");
	}
}

/* The MUE in force for a procedure code, if any. */
static void
print_mue(const struct clm_codeset *cs, const char *code, long date)
{
	static const char *const mai[] = { "", "line edit",
		"date of service edit: policy",
		"date of service edit: clinical" };
	struct clm_mue m;
	struct clm_release r;

	if (!clm_codeset_mue(cs, code, date, &m))
		return;
	printf("  MUE: %ld unit%s (MAI %d, %s; %s)\n", m.value,
	    m.value == 1 ? "" : "s", m.mai, m.mai >= 1 && m.mai <= 3 ?
	    mai[m.mai] : "?", clm_codeset_release_on(cs, CLM_REL_MUE,
	    CLM_SYS_HCPCS, date, &r) ? r.name : "no release");
}

static int
lookup_one(const struct clm_codeset *cs, const char *code, long date,
    int only_sys)
{
	char on[40], disp[32];
	int found = 0, ok = 0;

	fmt_date(date, on, sizeof(on));
	for (int sys = CLM_SYS_ICD10CM; sys <= CLM_SYS_TAXONOMY; sys++) {
		struct clm_code_info ci;
		enum clm_code_state st;

		if (only_sys >= 0 && sys != only_sys)
			continue;
		st = clm_codeset_lookup(cs, (enum clm_code_system)sys, code,
		    date, &ci);
		if (st == CLM_CODE_UNKNOWN && only_sys < 0)
			continue;
		found = 1;
		ok |= st == CLM_CODE_VALID;
		if (sys == CLM_SYS_ICD10CM)
			clm_icd_format(code, disp, sizeof(disp));
		else
			snprintf(disp, sizeof(disp), "%s", code);
		printf("%s: %s %s on %s (%s)%s%s\n", disp,
		    clm_code_system_name((enum clm_code_system)sys),
		    state_names[st], on, ci.release[0] ? ci.release :
		    "no release", ci.desc[0] ? ": " : "", ci.desc);
		print_why(cs, (enum clm_code_system)sys, code, date, &ci);
		if (sys == CLM_SYS_ICD10CM && st != CLM_CODE_UNKNOWN)
			print_icd_extras(cs, code, date);
		if ((sys == CLM_SYS_HCPCS || sys == CLM_SYS_CPT) &&
		    st != CLM_CODE_UNKNOWN)
			print_mue(cs, code, date);
	}
	if (!found && !clm_codeset_has(cs, CLM_SYS_CPT) &&
	    clm_cpt_form_ok(code)) {
		printf("%s: CPT form ok on %s (no licensed CPT list in the "
		    "index: checked by form only)\n", code, on);
		print_mue(cs, code, date);
		return 1;
	}
	if (!found)
		printf("%s: unknown on %s: in no code set of this index\n",
		    code, on);
	return ok;
}

static int
pair_ptp(const struct clm_codeset *cs, const char *a, const char *b,
    long date)
{
	static const char *const mi[] = {
		"not paid together; no modifier bypasses the edit",
		"not paid together unless a modifier shows a distinct service" };
	struct clm_ptp p;
	struct clm_release r;

	if (!clm_codeset_ptp(cs, a, b, date, &p) || p.modifier_ind == 9)
		return 0;
	printf("%s + %s: NCCI PTP edit, column 1 %s, column 2 %s: %s (%s)\n",
	    a, b, a, b, p.modifier_ind == 1 ? mi[1] : mi[0],
	    clm_codeset_release_on(cs, CLM_REL_PTP, CLM_SYS_HCPCS, date, &r) ?
	    r.name : "no release");
	return 1;
}

/* Excludes1 and PTP relations between every two codes given. */
static int
lookup_pairs(const struct clm_codeset *cs, char **codes, int n, long date)
{
	int found = 0;

	for (int i = 0; i < n; i++)
		for (int j = i + 1; j < n; j++) {
			struct clm_excludes1 ex;
			char a[32], b[32], at[32];

			if (clm_codeset_excludes1(cs, codes[i], codes[j], date,
			    &ex)) {
				clm_icd_format(codes[i], a, sizeof(a));
				clm_icd_format(codes[j], b, sizeof(b));
				clm_icd_format(ex.at, at, sizeof(at));
				printf("%s + %s: Excludes1 at %s, not reported "
				    "together: %s (%s)\n", a, b, at, ex.note,
				    ex.release);
				found = 1;
			}
			found |= pair_ptp(cs, codes[i], codes[j], date);
			found |= pair_ptp(cs, codes[j], codes[i], date);
		}
	if (!found && n > 1)
		printf("no Excludes1 or PTP relation between these codes\n");
	return found;
}

static int
cmd_lookup(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "codesets", required_argument, NULL, 'c' },
		{ "date", required_argument, NULL, 'd' },
		{ "system", required_argument, NULL, 's' },
		{ "pairs", no_argument, NULL, 'p' },
		{ NULL, 0, NULL, 0 }
	};
	const char *path = NULL;
	struct clm_codeset *cs;
	long date = today();
	int c, sys = -1, rc = CLM_EXIT_OK, pairs = 0, first;

	while ((c = getopt_long(argc, argv, "c:d:s:p", opts, NULL)) != -1) {
		if (c == 'c')
			path = optarg;
		else if (c == 'p')
			pairs = 1;
		else if (c == 'd' && (date = parse_date(optarg)) == 0)
			return usage("lookup: --date wants CCYYMMDD");
		else if (c == 's' &&
		    (sys = clm_code_system_parse(optarg)) < 0)
			return usage("lookup: --system is one of icd10cm, "
			    "hcpcs, cpt, modifier, pos, taxonomy");
		else if (c != 'c' && c != 'd' && c != 's' && c != 'p')
			return usage(NULL);
	}
	if (optind == argc)
		return usage("lookup: name at least one CODE");
	if (open_index(path, &cs) < 0)
		return CLM_EXIT_FAILURE;
	first = optind;
	for (; optind < argc; optind++) {
		char key[16];

		if (clm_code_key(argv[optind], key, sizeof(key)) < 0) {
			printf("%s: not a code (letters and digits, at most "
			    "%d)\n", argv[optind], CLM_CODE_MAX);
			rc = CLM_EXIT_FINDINGS;
		} else if (!lookup_one(cs, key, date, sys))
			rc = CLM_EXIT_FINDINGS;
	}
	if (pairs && lookup_pairs(cs, argv + first, argc - first, date))
		rc = CLM_EXIT_FINDINGS;
	clm_codeset_close(cs);
	return rc;
}

static int
dispatch(int argc, char **argv)
{
	clm_tool_signals("clm-codeset");
	if (argc < 2)
		return usage("name a command: build, info or lookup");
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
		fputs("clm-codeset - build, inspect and query the code-set "
		    "index\n", stdout);
		fputs(usage_text, stdout);
		return CLM_EXIT_OK;
	}
	if (strcmp(argv[1], "--version") == 0) {
		printf("clm-codeset %s\n", CLM_VERSION);
		return CLM_EXIT_OK;
	}
	if (strcmp(argv[1], "build") == 0)
		return cmd_build(argc - 1, argv + 1);
	if (strcmp(argv[1], "info") == 0)
		return cmd_info(argc - 1, argv + 1);
	if (strcmp(argv[1], "lookup") == 0)
		return cmd_lookup(argc - 1, argv + 1);
	return usage("unknown command (build, info or lookup)");
}

/* On the shared runtime's exit: a failed write to stdout is exit 2. */
int
main(int argc, char **argv)
{
	return clm_tool_exit("clm-codeset", dispatch(argc, argv));
}
