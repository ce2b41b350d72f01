/*
 * clm_norm_int - helpers shared by the clm_norm_*.c files (not a public
 * interface: tools include clm_norm.h).
 */
#ifndef CLM_NORM_INT_H
#define CLM_NORM_INT_H

#include "clm_norm.h"

/* ASCII whitespace a value may carry at its ends. */
int clm_norm_is_space(int c);
/* Trim [*s, *s + *n) of ASCII whitespace at both ends. */
void clm_norm_trim(const char **s, size_t *n);
/* Put n bytes into out->buf, NUL-terminated. */
void clm_norm_put(struct clm_norm_out *out, const char *s, size_t n);
enum clm_norm_result clm_norm_repaired(struct clm_norm_out *out,
    enum clm_edit e, const char *reason);
/* The value stays as it was (in, len: the untrimmed original). */
enum clm_norm_result clm_norm_error(struct clm_norm_out *out,
    const char *in, size_t len, enum clm_edit e, const char *reason);
/*
 * Finish a normalizer that worked on the trimmed slice: UNCHANGED with a
 * trimmed original becomes a NORM-SPACE repair; ERROR restores the
 * original; REPAIRED stands.
 */
enum clm_norm_result clm_norm_finish(enum clm_norm_result r,
    const char *in, size_t len, size_t trimmed_len,
    struct clm_norm_out *out);
/* Why s cannot go into X12 as it is (control character or delimiter),
 * or NULL. */
const char *clm_norm_unsafe(const char *s, size_t n);
/* Enumerated code columns (sex, relationship, state, flags ...). */
enum clm_norm_result clm_norm_enum(const char *in, size_t len,
    enum clm_norm_kind k, struct clm_norm_out *out);
/* Generic code, place of service, diagnosis pointers, identifiers. */
enum clm_norm_result clm_norm_code(const char *in, size_t len,
    struct clm_norm_out *out);
enum clm_norm_result clm_norm_pos(const char *in, size_t len,
    struct clm_norm_out *out);
enum clm_norm_result clm_norm_dxptr(const char *in, size_t len,
    struct clm_norm_out *out);
enum clm_norm_result clm_norm_ident(const char *in, size_t len,
    int drop_spaces, struct clm_norm_out *out);

#endif
