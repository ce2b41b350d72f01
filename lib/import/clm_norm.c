/*
 * clm_norm - the dispatcher (control characters and X12 delimiters are
 * checked here for every kind), text (names, addresses, notes) with
 * transliteration to the X12 basic character set, and identifiers.
 */
#include <string.h>

#include "clm_norm_int.h"

int
clm_norm_is_space(int c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

void
clm_norm_trim(const char **s, size_t *n)
{
	while (*n > 0 && clm_norm_is_space((unsigned char)**s)) {
		(*s)++;
		(*n)--;
	}
	while (*n > 0 && clm_norm_is_space((unsigned char)(*s)[*n - 1]))
		(*n)--;
}

void
clm_norm_put(struct clm_norm_out *out, const char *s, size_t n)
{
	memmove(out->buf, s, n);
	out->buf[n] = '\0';
	out->len = n;
}

enum clm_norm_result
clm_norm_repaired(struct clm_norm_out *out, enum clm_edit e,
    const char *reason)
{
	out->edit = e;
	out->reason = reason;
	return CLM_NORM_REPAIRED;
}

enum clm_norm_result
clm_norm_error(struct clm_norm_out *out, const char *in, size_t len,
    enum clm_edit e, const char *reason)
{
	clm_norm_put(out, in, len);
	out->edit = e;
	out->reason = reason;
	return CLM_NORM_ERROR;
}

enum clm_norm_result
clm_norm_finish(enum clm_norm_result r, const char *in, size_t len,
    size_t trimmed_len, struct clm_norm_out *out)
{
	if (r == CLM_NORM_ERROR) {
		clm_norm_put(out, in, len);
		return r;
	}
	if (r == CLM_NORM_UNCHANGED && trimmed_len != len)
		return clm_norm_repaired(out, CLM_EDIT_NORM_SPACE,
		    "spaces trimmed");
	return r;
}

/* --- text ------------------------------------------------------------ */

/* Base letters for U+00C0..U+00FF and U+0100..U+017F; '#' = several
 * letters (see multi_letter), '!' = no safe transliteration. */
static const char latin1_letters[] =
    "AAAAAA#CEEEEIIIIDNOOOOO!OUUUUY##aaaaaa#ceeeeiiiidnooooo!ouuuuy#y";
static const char latin_ext_a[] =
    "AaAaAaCcCcCcCcDdDdEeEeEeEeEeGgGgGgGgHhHhIiIiIiIiIi##JjKkkLlLlLlLlLl"
    "NnNnNn#NnOoOoOo##RrRrRrSsSsSsSsTtTtTtUuUuUuUuUuUuWwYyYZzZzZzs";

static const char *
multi_letter(unsigned cp)
{
	switch (cp) {
	case 0xC6: return "AE";
	case 0xE6: return "ae";
	case 0xDE: return "TH";
	case 0xFE: return "th";
	case 0xDF: return "ss";
	case 0x132: return "IJ";
	case 0x133: return "ij";
	case 0x149: return "'n";
	case 0x152: return "OE";
	case 0x153: return "oe";
	default: return NULL;
	}
}

static const char *
punctuation(unsigned cp)
{
	if (cp == 0xA0 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x202F ||
	    cp == 0x205F || cp == 0x3000)
		return " ";
	if (cp >= 0x2010 && cp <= 0x2015)
		return "-";
	if ((cp >= 0x2018 && cp <= 0x201B) || cp == 0xB4 || cp == 0x2032)
		return "'";
	if ((cp >= 0x201C && cp <= 0x201F) || cp == 0xAB || cp == 0xBB ||
	    cp == 0x2033)
		return "\"";
	if (cp == 0x2026)
		return "...";
	return NULL;
}

/* The ASCII spelling of a code point, or NULL when there is none. */
static const char *
transliterate(unsigned cp, char one[2])
{
	const char *m = multi_letter(cp);
	char c = 0;

	if (m != NULL)
		return m;
	if (cp >= 0xC0 && cp <= 0xFF)
		c = latin1_letters[cp - 0xC0];
	else if (cp >= 0x100 && cp <= 0x17F)
		c = latin_ext_a[cp - 0x100];
	if (c != 0 && c != '!' && c != '#') {
		one[0] = c;
		one[1] = '\0';
		return one;
	}
	return punctuation(cp);
}

/* Decode one UTF-8 sequence at s (n bytes left); returns its length or 0
 * when it is not valid UTF-8 (overlong, surrogate, truncated). */
static size_t
utf8_decode(const unsigned char *s, size_t n, unsigned *cp)
{
	size_t len = s[0] >= 0xF0 ? 4 : s[0] >= 0xE0 ? 3 : s[0] >= 0xC0 ? 2 : 0;
	unsigned v;

	if (len == 0 || s[0] > 0xF4 || n < len)
		return 0;
	v = s[0] & (0x3F >> (len - 1));
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		v = (v << 6) | (s[i] & 0x3F);
	}
	if ((len == 2 && v < 0x80) || (len == 3 && v < 0x800) ||
	    (len == 4 && v < 0x10000) || v > 0x10FFFF ||
	    (v >= 0xD800 && v <= 0xDFFF))
		return 0;
	*cp = v;
	return len;
}

struct text_state {
	char *start;		/* output buffer */
	char *o;		/* output cursor */
	int pending_space;
	int spaces, cased, charset;
};

static void
text_emit(struct text_state *ts, const char *s, int upper)
{
	for (; *s != '\0'; s++) {
		char c = *s;

		if (c == ' ') {
			ts->pending_space = 1;
			continue;
		}
		if (ts->pending_space && ts->o > ts->start)
			*ts->o++ = ' ';
		ts->pending_space = 0;
		if (upper && c >= 'a' && c <= 'z')
			c = (char)(c - 'a' + 'A');
		*ts->o++ = c;
	}
}

static const char *
text_reason(const struct text_state *ts, enum clm_edit *e)
{
	if (ts->charset) {
		*e = CLM_EDIT_NORM_CHARSET;
		return "accented or typographic characters transliterated to "
		    "the X12 basic set";
	}
	*e = ts->cased ? CLM_EDIT_NORM_CASE : CLM_EDIT_NORM_SPACE;
	return ts->cased ? "upper-cased" : "spaces trimmed or collapsed";
}

static enum clm_norm_result
text_core(const char *s, size_t n, int upper, struct clm_norm_out *out)
{
	struct text_state ts = { out->buf, out->buf, 0, 0, 0, 0 };
	enum clm_edit e;
	const char *why;
	char tmp[2];

	for (size_t i = 0; i < n;) {
		unsigned char c = (unsigned char)s[i];
		unsigned cp;
		size_t k;
		const char *t;

		if (c < 0x80) {
			if (clm_norm_is_space(c)) {
				ts.spaces |= c != ' ' || ts.pending_space;
				ts.pending_space = 1;
			} else {
				if (ts.pending_space && ts.o > ts.start)
					*ts.o++ = ' ';
				ts.pending_space = 0;
				if (upper && c >= 'a' && c <= 'z') {
					c = (unsigned char)(c - 'a' + 'A');
					ts.cased = 1;
				}
				*ts.o++ = (char)c;
			}
			i++;
			continue;
		}
		k = utf8_decode((const unsigned char *)s + i, n - i, &cp);
		if (k == 0)
			return clm_norm_error(out, s, n, CLM_EDIT_X12_CHARSET,
			    "not valid UTF-8 text");
		t = transliterate(cp, tmp);
		if (t == NULL)
			return clm_norm_error(out, s, n, CLM_EDIT_X12_CHARSET,
			    "holds a character outside the X12 character set "
			    "with no safe transliteration");
		ts.charset = 1;
		text_emit(&ts, t, upper);
		i += k;
	}
	out->len = (size_t)(ts.o - out->buf);
	out->buf[out->len] = '\0';
	if (!ts.charset && !ts.cased && !ts.spaces)
		return CLM_NORM_UNCHANGED;
	why = text_reason(&ts, &e);
	return clm_norm_repaired(out, e, why);
}

enum clm_norm_result
clm_norm_text(const char *in, size_t len, int upper, struct clm_norm_out *out)
{
	const char *s = in;
	size_t n = len;
	enum clm_norm_result r;

	if (out->size < len + CLM_NORM_SLACK)
		return CLM_NORM_UNCHANGED;
	clm_norm_trim(&s, &n);
	r = text_core(s, n, upper, out);
	return clm_norm_finish(r, in, len, n, out);
}

/* Identifiers given as is: printable ASCII; drop_spaces removes inner
 * spaces (member ids). */
enum clm_norm_result
clm_norm_ident(const char *in, size_t len, int drop_spaces,
    struct clm_norm_out *out)
{
	const char *s = in;
	size_t n = len, o = 0;
	enum clm_norm_result r = CLM_NORM_UNCHANGED;

	if (out->size < len + CLM_NORM_SLACK)
		return CLM_NORM_UNCHANGED;
	clm_norm_trim(&s, &n);
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c >= 0x80)
			return clm_norm_error(out, in, len,
			    CLM_EDIT_X12_CHARSET, "identifier holds a "
			    "character outside the X12 character set");
		if (drop_spaces && c == ' ') {
			r = clm_norm_repaired(out, CLM_EDIT_NORM_SPACE,
			    "spaces removed from the identifier");
			continue;
		}
		out->buf[o++] = (char)c;
	}
	out->buf[o] = '\0';
	out->len = o;
	return clm_norm_finish(r, in, len, n, out);
}

/* --- dispatch -------------------------------------------------------- */

static int
has_control(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)s[i] < 0x20 || s[i] == 0x7F)
			return 1;
	return 0;
}

/* The X12 delimiters clm reserves: ~ * : ^ and the > component separator
 * some receivers use.  Diagnosis pointers are stored with ':' by design
 * (the emitter writes them as components). */
static int
has_delimiter(const char *s, size_t n, int allow_colon)
{
	for (size_t i = 0; i < n; i++) {
		char c = s[i];

		if (c == '~' || c == '*' || c == '^' || c == '>' ||
		    (c == ':' && !allow_colon))
			return 1;
	}
	return 0;
}

static enum clm_norm_result
dispatch(enum clm_norm_kind k, const char *in, size_t len,
    const struct clm_norm_ctx *ctx, struct clm_norm_out *out)
{
	switch (k) {
	case CLM_NORM_ASIS: return clm_norm_ident(in, len, 0, out);
	case CLM_NORM_ID: return clm_norm_ident(in, len, 1, out);
	case CLM_NORM_NAME: return clm_norm_text(in, len, !ctx->keep_case,
	    out);
	case CLM_NORM_NOTE: return clm_norm_text(in, len, 0, out);
	case CLM_NORM_DATE_BIRTH:
	case CLM_NORM_DATE_PAST:
	case CLM_NORM_DATE_SERVICE:
		return clm_norm_date(in, len, k, ctx->today, out);
	case CLM_NORM_DX: return clm_norm_dx(in, len, out);
	case CLM_NORM_PROC:
	case CLM_NORM_MOD:
	case CLM_NORM_CODE: return clm_norm_code(in, len, out);
	case CLM_NORM_NDC: return clm_norm_ndc(in, len, out);
	case CLM_NORM_NPI:
	case CLM_NORM_TIN:
	case CLM_NORM_ZIP:
	case CLM_NORM_PHONE: return clm_norm_digits(in, len, k, out);
	case CLM_NORM_MONEY: return clm_norm_money(in, len, out);
	case CLM_NORM_QTY: return clm_norm_qty(in, len, out);
	case CLM_NORM_POS: return clm_norm_pos(in, len, out);
	case CLM_NORM_DXPTR: return clm_norm_dxptr(in, len, out);
	default: return clm_norm_enum(in, len, k, out);
	}
}

enum clm_norm_result
clm_norm_value(enum clm_norm_kind k, const char *in, size_t len,
    const struct clm_norm_ctx *ctx, struct clm_norm_out *out)
{
	const char *s = in;
	size_t n = len;
	enum clm_norm_result r;

	if (out->size < len + CLM_NORM_SLACK)
		return CLM_NORM_UNCHANGED;
	if (k == CLM_NORM_NONE || k >= CLM_NORM_KIND_COUNT) {
		clm_norm_put(out, in, len);
		return CLM_NORM_UNCHANGED;
	}
	clm_norm_trim(&s, &n);
	if (has_control(s, n))
		return clm_norm_error(out, in, len, CLM_EDIT_X12_DELIMITER,
		    "holds a control character (tab, line break or other)");
	r = dispatch(k, in, len, ctx, out);
	/* no normalizer adds a delimiter: only a value that had one is
	 * checked again */
	if (has_delimiter(s, n, 0) &&
	    has_delimiter(out->buf, out->len, k == CLM_NORM_DXPTR))
		return clm_norm_error(out, in, len, CLM_EDIT_X12_DELIMITER,
		    "holds an X12 delimiter (~ * : ^ >)");
	return r;
}

const char *
clm_norm_unsafe(const char *s, size_t n)
{
	if (has_control(s, n))
		return "holds a control character (tab, line break or other)";
	if (has_delimiter(s, n, 0))
		return "holds an X12 delimiter (~ * : ^ >)";
	return NULL;
}

int
clm_norm_kind_is_phi(enum clm_norm_kind k)
{
	switch (k) {
	case CLM_NORM_DX:
	case CLM_NORM_PROC:
	case CLM_NORM_MOD:
	case CLM_NORM_NDC:
	case CLM_NORM_POS:
	case CLM_NORM_DXPTR:
	case CLM_NORM_CODE:
	case CLM_NORM_MONEY:
	case CLM_NORM_QTY:
		return 0;
	default:
		return 1;
	}
}
