#include <stdint.h>
#include <string.h>

#include "clm_enc.h"

#define ONES 0x0101010101010101ULL
#define HIGHS 0x8080808080808080ULL

/* The Unicode code points of cp1252 bytes 0x80-0x9F. */
static const unsigned short cp1252_c1[32] = {
	0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
	0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
	0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
	0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
};

void
clm_enc_utf8_init(struct clm_enc_utf8 *st)
{
	memset(st, 0, sizeof(*st));
}

static uint64_t
load64(const unsigned char *p)
{
	uint64_t w;

	memcpy(&w, p, sizeof(w));
	return w;
}

/* Non-zero when some byte of w is zero (Mycroft's test). */
static int
has_zero(uint64_t w)
{
	return ((w - ONES) & ~w & HIGHS) != 0;
}

/* Length of the leading run of plain ASCII (1-127) bytes. */
static size_t
ascii_run(const unsigned char *buf, size_t len)
{
	size_t i = 0;

	while (i + 8 <= len) {
		uint64_t w = load64(buf + i);

		if ((w & HIGHS) != 0 || has_zero(w))
			break;
		i += 8;
	}
	while (i < len && buf[i] != 0 && buf[i] < 0x80)
		i++;
	return i;
}

/* Bytes that follow a lead byte, or -1 when c cannot start a sequence. */
static int
sequence_need(unsigned char c)
{
	if (c >= 0xC2 && c <= 0xDF)
		return 1;
	if (c >= 0xE0 && c <= 0xEF)
		return 2;
	if (c >= 0xF0 && c <= 0xF4)
		return 3;
	return -1;
}

/* The second byte's range excludes overlongs, surrogates and > U+10FFFF. */
static int
continuation_ok(const struct clm_enc_utf8 *st, unsigned char c)
{
	if ((c & 0xC0) != 0x80)
		return 0;
	if (st->seen > 0)
		return 1;
	switch (st->lead) {
	case 0xE0: return c >= 0xA0;
	case 0xED: return c <= 0x9F;
	case 0xF0: return c >= 0x90;
	case 0xF4: return c <= 0x8F;
	default: return 1;
	}
}

static enum clm_enc_verdict
step(struct clm_enc_utf8 *st, unsigned char c)
{
	int need;

	if (st->need > 0) {
		if (!continuation_ok(st, c))
			return CLM_ENC_INVALID;
		st->seen++;
		if (--st->need == 0)
			st->multibyte = 1;
		return CLM_ENC_UTF8;
	}
	if (c == 0)
		return CLM_ENC_NUL;
	if (c < 0x80)
		return CLM_ENC_ASCII;
	need = sequence_need(c);
	if (need < 0)
		return CLM_ENC_INVALID;
	st->need = (unsigned)need;
	st->lead = c;
	st->seen = 0;
	return CLM_ENC_UTF8;
}

enum clm_enc_verdict
clm_enc_utf8_check(struct clm_enc_utf8 *st, const unsigned char *buf,
    size_t len, size_t *bad)
{
	size_t i = 0;

	while (i < len) {
		enum clm_enc_verdict v;

		if (st->need == 0)
			i += ascii_run(buf + i, len - i);
		if (i >= len)
			break;
		v = step(st, buf[i]);
		if (v == CLM_ENC_INVALID && st->need > 0) {
			/* point at the sequence's lead byte when it is here */
			*bad = i >= st->seen + 1 ? i - st->seen - 1 : 0;
			return v;
		}
		if (v == CLM_ENC_INVALID || v == CLM_ENC_NUL) {
			*bad = i;
			return v;
		}
		i++;
	}
	return st->multibyte ? CLM_ENC_UTF8 : CLM_ENC_ASCII;
}

static size_t
put_utf8(unsigned cp, unsigned char *out)
{
	if (cp < 0x80) {
		out[0] = (unsigned char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (unsigned char)(0xC0 | (cp >> 6));
		out[1] = (unsigned char)(0x80 | (cp & 0x3F));
		return 2;
	}
	out[0] = (unsigned char)(0xE0 | (cp >> 12));
	out[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
	out[2] = (unsigned char)(0x80 | (cp & 0x3F));
	return 3;
}

size_t
clm_enc_cp1252_to_utf8(const unsigned char *in, size_t inlen,
    unsigned char *out, size_t outsize, size_t *outlen)
{
	size_t i = 0, o = 0;

	while (i < inlen && o + 3 <= outsize) {
		unsigned c = in[i++];

		if (c >= 0x80 && c < 0xA0)
			c = cp1252_c1[c - 0x80];
		o += put_utf8(c, out + o);
	}
	*outlen = o;
	return i;
}

size_t
clm_enc_count_lines(const unsigned char *buf, size_t len)
{
	size_t n = 0;
	const unsigned char *p = buf, *end = buf + len;

	while ((p = memchr(p, '\n', (size_t)(end - p))) != NULL) {
		n++;
		p++;
	}
	return n;
}
