/*
 * clm_enc - character encoding of input text: UTF-8 validation and
 * Windows-1252 to UTF-8 transcoding, both streaming (a chunk at a time,
 * with a sequence split across chunks carried over by the caller's state).
 * No allocation; the caller owns every buffer.
 */
#ifndef CLM_ENC_H
#define CLM_ENC_H

#include <stddef.h>

/* Result of a validation step. */
enum clm_enc_verdict {
	CLM_ENC_ASCII,		/* only 7-bit bytes so far */
	CLM_ENC_UTF8,		/* valid UTF-8 with some multi-byte sequences */
	CLM_ENC_INVALID,	/* a byte that is not UTF-8 */
	CLM_ENC_NUL		/* a NUL byte: binary data, not text */
};

struct clm_enc_utf8 {
	unsigned need;		/* continuation bytes still expected */
	unsigned char lead;	/* lead byte of the pending sequence */
	unsigned seen;		/* continuation bytes seen of it */
	int multibyte;		/* a complete multi-byte sequence was seen */
};

void clm_enc_utf8_init(struct clm_enc_utf8 *st);
/*
 * Check len bytes continuing the state.  Returns the verdict; on INVALID
 * or NUL, *bad is the offset of the offending byte in buf (for a broken
 * sequence, of its lead byte when that lies in buf).  Afterwards
 * st->need != 0 means buf ends inside a sequence (st->seen + 1 bytes of it
 * are at the end of buf).
 */
enum clm_enc_verdict clm_enc_utf8_check(struct clm_enc_utf8 *st,
    const unsigned char *buf, size_t len, size_t *bad);

/*
 * Windows-1252 to UTF-8.  Converts bytes from in while the output fits
 * (each byte becomes at most 3 bytes; out needs size >= 3).  Returns the
 * bytes consumed; *outlen the bytes written.  The five bytes cp1252 leaves
 * undefined (0x81 0x8D 0x8F 0x90 0x9D) map to the C1 controls of the same
 * value, as Windows' own converter does.
 */
size_t clm_enc_cp1252_to_utf8(const unsigned char *in, size_t inlen,
    unsigned char *out, size_t outsize, size_t *outlen);

/* Number of '\n' bytes in buf. */
size_t clm_enc_count_lines(const unsigned char *buf, size_t len);

#endif
