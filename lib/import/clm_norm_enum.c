/*
 * clm_norm_enum - columns that hold one of a few codes: sex, relationship,
 * state, claim frequency, yes/no and assignment flags, payer sequence,
 * unit types.  Each kind lists its codes and the spellings exports use for
 * them (the code lists are the 837P's, lib/x12/clm_837p.h); anything else
 * is an error (a guess would change substance).
 */
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "clm_837p.h"
#include "clm_codes.h"
#include "clm_norm_int.h"

struct enum_kind {
	enum clm_norm_kind kind;
	enum clm_edit repair, error;
	const char *codes;	/* accepted codes, space-separated */
	const char *words;	/* "WORD=CODE|WORD=CODE" */
};

static const struct enum_kind enum_kinds[] = {
	{ CLM_NORM_SEX, CLM_EDIT_NORM_SEX, CLM_EDIT_SEX_INVALID, CLM_837P_SEX,
	  "FEMALE=F|MALE=M|UNKNOWN=U|UNK=U" },
	{ CLM_NORM_REL, CLM_EDIT_NORM_REL, CLM_EDIT_REL_INVALID,
	  CLM_837P_REL,
	  "SELF=18|SPOUSE=01|WIFE=01|HUSBAND=01|CHILD=19|SON=19|DAUGHTER=19|"
	  "EMPLOYEE=20|UNKNOWN=21|ORGAN DONOR=39|CADAVER DONOR=40|"
	  "LIFE PARTNER=53|OTHER=G8|OTHER RELATIONSHIP=G8" },
	{ CLM_NORM_FREQ, CLM_EDIT_NORM_FREQ, CLM_EDIT_FREQ_INVALID, CLM_837P_FREQ,
	  "ORIGINAL=1|ORIG=1|NEW=1|REPLACEMENT=7|REPLACE=7|CORRECTED=7|"
	  "CORRECTION=7|VOID=8|CANCEL=8|CANCELLED=8|CANCELED=8" },
	{ CLM_NORM_YN, CLM_EDIT_NORM_FLAG, CLM_EDIT_FLAG_INVALID, CLM_837P_YN,
	  "YES=Y|NO=N|TRUE=Y|FALSE=N" },
	{ CLM_NORM_YNW, CLM_EDIT_NORM_FLAG, CLM_EDIT_FLAG_INVALID, CLM_837P_YNW,
	  "YES=Y|NO=N|TRUE=Y|FALSE=N" },
	{ CLM_NORM_YI, CLM_EDIT_NORM_FLAG, CLM_EDIT_FLAG_INVALID, CLM_837P_YI,
	  "YES=Y|TRUE=Y" },
	{ CLM_NORM_ASSIGN, CLM_EDIT_NORM_FLAG, CLM_EDIT_FLAG_INVALID, CLM_837P_ASSIGN,
	  "YES=A|Y=A|NO=C|N=C" },
	{ CLM_NORM_PAYER_SEQ, CLM_EDIT_NORM_CODE, CLM_EDIT_CODE_INVALID,
	  CLM_837P_PAYER_SEQ,
	  "PRIMARY=P|SECONDARY=S|TERTIARY=T" },
	{ CLM_NORM_UNIT_TYPE, CLM_EDIT_NORM_CODE, CLM_EDIT_CODE_INVALID,
	  CLM_837P_UNIT_TYPE, "UNIT=UN|UNITS=UN|MINUTE=MJ|MINUTES=MJ|MIN=MJ" },
	{ CLM_NORM_NDC_UNIT, CLM_EDIT_NORM_CODE, CLM_EDIT_CODE_INVALID,
	  CLM_837P_NDC_UNIT,
	  "INTERNATIONAL UNIT=F2|IU=F2|GRAM=GR|G=GR|MILLIGRAM=ME|MG=ME|"
	  "MILLILITER=ML|MILLILITRE=ML|UNIT=UN|EACH=UN|EA=UN" },
	{ CLM_NORM_TIN_TYPE, CLM_EDIT_NORM_CODE, CLM_EDIT_CODE_INVALID,
	  CLM_837P_TIN_TYPE, "EIN=EI|SSN=SY" },
	{ CLM_NORM_ENTITY, CLM_EDIT_NORM_CODE, CLM_EDIT_CODE_INVALID, CLM_837P_ENTITY,
	  "PERSON=1|INDIVIDUAL=1|ORGANIZATION=2|ORGANISATION=2|"
	  "NON-PERSON=2" },
	{ CLM_NORM_ACCIDENT, CLM_EDIT_NORM_CODE, CLM_EDIT_CODE_INVALID,
	  CLM_837P_ACCIDENT, "AUTO=AA|AUTO ACCIDENT=AA|EMPLOYMENT=EM|OTHER=OA|"
	  "OTHER ACCIDENT=OA" },
	/* SBR09; an 837P is a professional claim, so "Medicare" is Part B.
	 * A word not listed (a plan's own name) is an error: the profile's
	 * [values] translate it (docs/profile.md). */
	{ CLM_NORM_FILING, CLM_EDIT_NORM_CODE, CLM_EDIT_CODE_INVALID,
	  "11 12 13 14 15 16 17 AM BL CH CI DS FI HM LM MA MB MC OF TV VA WC "
	  "ZZ",
	  "COMMERCIAL=CI|COMMERCIAL INSURANCE=CI|BLUE CROSS=BL|BCBS=BL|"
	  "BLUE CROSS BLUE SHIELD=BL|BLUE CROSS/BLUE SHIELD=BL|MEDICARE=MB|"
	  "MEDICARE PART B=MB|MEDICARE B=MB|MEDICARE PART A=MA|MEDICAID=MC|"
	  "TRICARE=CH|CHAMPUS=CH|HMO=HM|PPO=12|EPO=14|INDEMNITY=15|"
	  "WORKERS COMP=WC|WORKERS COMPENSATION=WC|AUTO=AM|AUTOMOBILE=AM|"
	  "DISABILITY=DS|FEP=FI|FEDERAL EMPLOYEES PROGRAM=FI|VA=VA|"
	  "VETERANS AFFAIRS=VA|LIABILITY=LM|TITLE V=TV" },
	{ CLM_NORM_STATE, CLM_EDIT_NORM_STATE, CLM_EDIT_STATE_INVALID,
	  CLM_837P_STATES,
	  "ALABAMA=AL|ALASKA=AK|ARIZONA=AZ|ARKANSAS=AR|CALIFORNIA=CA|"
	  "COLORADO=CO|CONNECTICUT=CT|DELAWARE=DE|DISTRICT OF COLUMBIA=DC|"
	  "FLORIDA=FL|GEORGIA=GA|HAWAII=HI|IDAHO=ID|ILLINOIS=IL|INDIANA=IN|"
	  "IOWA=IA|KANSAS=KS|KENTUCKY=KY|LOUISIANA=LA|MAINE=ME|MARYLAND=MD|"
	  "MASSACHUSETTS=MA|MICHIGAN=MI|MINNESOTA=MN|MISSISSIPPI=MS|"
	  "MISSOURI=MO|MONTANA=MT|NEBRASKA=NE|NEVADA=NV|NEW HAMPSHIRE=NH|"
	  "NEW JERSEY=NJ|NEW MEXICO=NM|NEW YORK=NY|NORTH CAROLINA=NC|"
	  "NORTH DAKOTA=ND|OHIO=OH|OKLAHOMA=OK|OREGON=OR|PENNSYLVANIA=PA|"
	  "RHODE ISLAND=RI|SOUTH CAROLINA=SC|SOUTH DAKOTA=SD|TENNESSEE=TN|"
	  "TEXAS=TX|UTAH=UT|VERMONT=VT|VIRGINIA=VA|WASHINGTON=WA|"
	  "WEST VIRGINIA=WV|WISCONSIN=WI|WYOMING=WY|AMERICAN SAMOA=AS|"
	  "GUAM=GU|NORTHERN MARIANA ISLANDS=MP|PUERTO RICO=PR|"
	  "VIRGIN ISLANDS=VI|U.S. VIRGIN ISLANDS=VI|US VIRGIN ISLANDS=VI" },
};

static const struct enum_kind *
enum_kind(enum clm_norm_kind k)
{
	for (size_t i = 0; i < sizeof(enum_kinds) / sizeof(enum_kinds[0]); i++)
		if (enum_kinds[i].kind == k)
			return &enum_kinds[i];
	return NULL;
}

/* The code for a spelling in "WORD=CODE|..." (into code), or 0. */
static int
word_code(const char *words, const char *s, size_t n, char code[4])
{
	while (*words != '\0') {
		size_t l = strcspn(words, "=");
		size_t cl = strcspn(words + l + 1, "|");

		if (l == n && memcmp(words, s, n) == 0 && cl < 4) {
			memcpy(code, words + l + 1, cl);
			code[cl] = '\0';
			return 1;
		}
		words += l + 1 + cl;
		words += *words == '|';
	}
	return 0;
}

/* Upper case with inner whitespace runs collapsed; 0 if it does not fit. */
static size_t
fold(const char *s, size_t n, char *o, size_t size)
{
	size_t k = 0;

	for (size_t i = 0; i < n; i++) {
		if (clm_norm_is_space((unsigned char)s[i]) && k > 0 &&
		    o[k - 1] == ' ')
			continue;
		if (k + 1 >= size)
			return 0;
		o[k++] = clm_norm_is_space((unsigned char)s[i]) ? ' ' :
		    (char)toupper((unsigned char)s[i]);
	}
	o[k] = '\0';
	return k;
}

enum clm_norm_result
clm_norm_enum(const char *in, size_t len, enum clm_norm_kind k,
    struct clm_norm_out *out)
{
	const struct enum_kind *ek = enum_kind(k);
	const char *s = in;
	size_t n = len, fn;
	char folded[64], code[4];
	enum clm_norm_result r = CLM_NORM_UNCHANGED;

	if (out->size < len + CLM_NORM_SLACK || ek == NULL)
		return CLM_NORM_UNCHANGED;
	clm_norm_trim(&s, &n);
	clm_norm_put(out, s, n);
	fn = fold(s, n, folded, sizeof(folded));
	if (n == 0) {
		r = CLM_NORM_UNCHANGED;
	} else if (fn > 0 && clm_codes_word_in(ek->codes, folded, fn)) {
		clm_norm_put(out, folded, fn);
		if (fn != n || memcmp(folded, s, n) != 0)
			r = clm_norm_repaired(out, ek->repair,
			    "code upper-cased");
	} else if (fn > 0 && word_code(ek->words, folded, fn, code)) {
		clm_norm_put(out, code, strlen(code));
		r = clm_norm_repaired(out, ek->repair,
		    "written as the X12 code for the word");
	} else {
		r = clm_norm_error(out, in, len, ek->error,
		    "not one of the codes or spellings the column accepts "
		    "(see clm-normalize(1))");
	}
	return clm_norm_finish(r, in, len, n, out);
}
