#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "clm_837p.h"
#include "clm_837p_form.h"
#include "clm_codes.h"
#include "clm_date.h"
#include "clm_money.h"

static const struct {
	enum clm_837p_form form;
	int min, max;
	const char *codes;
	const char *element;
} forms[CLM_COL_COUNT] = {
#define CLM_COLUMN(e, n, l, k, f, mn, mx, c, x) \
	[CLM_COL_##e] = { CLM_837P_FORM_##f, mn, mx, c, x },
#include "columns.def"
#undef CLM_COLUMN
};

enum clm_837p_form
clm_837p_form(enum clm_column col)
{
	return (unsigned)col < CLM_COL_COUNT ? forms[col].form :
	    CLM_837P_FORM_NONE;
}

const char *
clm_837p_element(enum clm_column col)
{
	return (unsigned)col < CLM_COL_COUNT ? forms[col].element : "";
}

/* A two-letter code of CLM_837P_STATES: a table built once (four columns
 * per claim walked the 70-word list), under pthread_once since several
 * chains may run in one process. */
static unsigned char known_state[26 * 26];
static pthread_once_t known_state_once = PTHREAD_ONCE_INIT;

static void
build_known_state(void)
{
	for (const char *p = CLM_837P_STATES;; p += 3) {
		known_state[(p[0] - 'A') * 26 + (p[1] - 'A')] = 1;
		if (p[2] == '\0')
			break;
	}
}

static int
is_state(const char *v)
{
	pthread_once(&known_state_once, build_known_state);
	return v[0] >= 'A' && v[0] <= 'Z' && v[1] >= 'A' && v[1] <= 'Z' &&
	    v[2] == '\0' && known_state[(v[0] - 'A') * 26 + (v[1] - 'A')];
}

/* A positive decimal, at most 15 characters. */
static int
good_qty(const char *v)
{
	size_t n = strlen(v), dots = 0, digits = 0;

	for (size_t i = 0; i < n; i++) {
		if (v[i] == '.')
			dots++;
		else if (v[i] >= '0' && v[i] <= '9')
			digits++;
		else
			return 0;
	}
	if (n > 15 || dots > 1 || digits == 0)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (v[i] >= '1' && v[i] <= '9')
			return 1;
	return 0;		/* all zeros */
}

static int
in_range(size_t n, int min, int max)
{
	return n >= (size_t)min && n <= (size_t)max;
}

int
clm_837p_form_fits(enum clm_column col, const char *v)
{
	size_t n = strlen(v);

	if ((unsigned)col >= CLM_COL_COUNT)
		return 1;
	switch (forms[col].form) {
	case CLM_837P_FORM_NONE:
		return 1;
	case CLM_837P_FORM_TEXT:
		return in_range(n, forms[col].min, forms[col].max);
	case CLM_837P_FORM_DIGITS:
		return in_range(n, forms[col].min, forms[col].max) &&
		    clm_codes_digits(v, n);
	case CLM_837P_FORM_ALNUM:
		return in_range(n, forms[col].min, forms[col].max) &&
		    clm_codes_upper_alnum(v, n);
	case CLM_837P_FORM_ZIP:
		return (n == 5 || n == 9) && clm_codes_digits(v, n);
	case CLM_837P_FORM_STATE:
		return n == 2 && is_state(v);
	case CLM_837P_FORM_DATE:
		return clm_date_parse(v) != 0;
	case CLM_837P_FORM_AMOUNT:
		return clm_money_cents(v) >= 0;
	case CLM_837P_FORM_QTY:
		return good_qty(v);
	case CLM_837P_FORM_CODE:
		return clm_codes_word_in(forms[col].codes, v, n);
	}
	return 0;
}

void
clm_837p_form_describe(enum clm_column col, char *buf, size_t size)
{
	static const char *const phrase[] = {
		[CLM_837P_FORM_NONE] = "text",
		[CLM_837P_FORM_ZIP] = "a 5 or 9 digit ZIP code",
		[CLM_837P_FORM_STATE] =
		    "a USPS state or Canadian province code",
		[CLM_837P_FORM_DATE] = "a real date CCYYMMDD",
		[CLM_837P_FORM_AMOUNT] = "an amount with at most 2 decimals",
		[CLM_837P_FORM_QTY] = "a positive quantity",
	};
	enum clm_837p_form f = clm_837p_form(col);

	if (f == CLM_837P_FORM_CODE)
		snprintf(buf, size, "one of %s", forms[col].codes);
	else if (f == CLM_837P_FORM_DIGITS)
		snprintf(buf, size, "%d digits", forms[col].max);
	else if (f == CLM_837P_FORM_ALNUM)
		snprintf(buf, size, "%d upper-case letters and digits",
		    forms[col].max);
	else if (f == CLM_837P_FORM_TEXT)
		snprintf(buf, size, "%d to %d characters", forms[col].min,
		    forms[col].max);
	else
		snprintf(buf, size, "%s", phrase[f]);
}
