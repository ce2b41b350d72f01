/*
 * clm_codeset_int - builder internals shared by clm_codeset_build.c (model
 * and writer), clm_codeset_read.c (text sources) and clm_codeset_xml.c
 * (XML sources).  Not part of any contract.
 */
#ifndef CLM_CODESET_INT_H
#define CLM_CODESET_INT_H

#include <stdint.h>

#include "clm_codeset.h"
#include "clm_codeset_build.h"
#include "clm_codeset_format.h"
#include "clm_io.h"

/* One code in one release (from == 0: the release's dates). */
struct clm_csb_obs {
	char code[12];
	uint8_t sys;
	uint8_t state;
	char action;
	uint16_t rel;
	int32_t from, to, action_date;
	uint32_t desc;
};

struct clm_csb_icd {		/* an ICD-10-CM order set, for addenda */
	char code[8];
	uint8_t flag;		/* 0 header, 1 valid, 0xFF deleted */
	uint32_t desc;
};

struct clm_csb_rel {
	struct clm_idx_release r;
	uint32_t ptp_from, mue_from;	/* first rows added by it */
};

#define CSB_VEC(T) struct { T *v; size_t n, cap; }

struct clm_csb {
	char *pool;
	size_t npool, cappool;
	uint32_t *hash;			/* open addressing over pool offsets */
	size_t caphash, nhash;
	int pool_full;			/* CLM_CSB_MAX_STRINGS was hit */
	CSB_VEC(struct clm_csb_rel) rel;
	CSB_VEC(struct clm_csb_obs) obs;
	CSB_VEC(struct clm_csb_icd) icd;	/* the last ICD-10-CM release's set */
	long icd_rel;			/* its release, -1 none */
	CSB_VEC(struct clm_idx_note) notes;
	CSB_VEC(uint32_t) sevdesc;
	CSB_VEC(struct clm_idx_excl) excl;
	CSB_VEC(struct clm_idx_mce) mce;
	CSB_VEC(struct clm_idx_ptp) ptp;
	CSB_VEC(struct clm_idx_mue) mue;
};

/* Grow vector storage by one, with the entry ceiling. */
void *clm_csb_grow(void *vec, size_t elsize);
#define CSB_PUSH(b, vec, err, src) \
	((vec).n >= CLM_CSB_MAX_ENTRIES ? clm_csb_limit(err, src) : \
	    (clm_csb_grow(&(vec), sizeof(*(vec).v)), 0))
int clm_csb_limit(struct clm_error *err, const char *src);

/* Intern a string (trailing blanks dropped); returns its offset. */
uint32_t clm_csb_str(struct clm_csb *b, const char *s, size_t len);

/* A byte source: a clm_in or memory. */
struct clm_csb_src {
	struct clm_in *in;
	const char *mem;
	size_t memlen, mempos;
	const char *name;
	char buf[65536];
	size_t pos, len;
	int eof;
	char line[CLM_CSB_MAX_LINE + 1];
	long lineno;
};
long clm_csb_read(struct clm_csb_src *s, void *buf, size_t size,
    struct clm_error *err);
/* Next line without its CR/LF into s->line (NUL-terminated, *len its
 * length): 1, 0 at end, or a negative CLM_E* code. */
int clm_csb_line(struct clm_csb_src *s, size_t *len, struct clm_error *err);

/* Start a release; returns its index or a negative error. */
long clm_csb_release(struct clm_csb *b, enum clm_release_kind kind,
    enum clm_code_system sys, const char *name, long from, long to,
    const char *source, struct clm_error *err);
int clm_csb_obs(struct clm_csb *b, long rel, int sys, const char *key,
    int state, uint32_t desc, long from, long to, struct clm_error *err,
    const char *src);
/* Copy a key into a fixed NUL-padded field; -1 when it does not fit. */
int clm_csb_field(char *dst, size_t width, const char *key);

/* Readers: text (clm_codeset_read.c) and XML (clm_codeset_xml.c). */
struct clm_csb_ctx {
	struct clm_csb *b;
	long rel;
	const char *src;		/* name for errors */
	long from, to;
};
int clm_csb_read_order(struct clm_csb_ctx *c, struct clm_csb_src *s,
    struct clm_error *err);
int clm_csb_read_addenda(struct clm_csb_ctx *c, struct clm_csb_src *s,
    struct clm_error *err);
int clm_csb_read_hcpcs(struct clm_csb_ctx *c, struct clm_csb_src *s,
    struct clm_error *err);
int clm_csb_read_mue(struct clm_csb_ctx *c, struct clm_csb_src *s,
    struct clm_error *err);
int clm_csb_read_ptp(struct clm_csb_ctx *c, struct clm_csb_src *s,
    struct clm_error *err);
int clm_csb_read_taxonomy(struct clm_csb_ctx *c, struct clm_csb_src *s,
    struct clm_error *err);
int clm_csb_read_mce(struct clm_csb_ctx *c, struct clm_csb_src *s,
    struct clm_error *err);
int clm_csb_read_list(struct clm_csb_ctx *c, struct clm_csb_src *s, int sys,
    struct clm_error *err);
int clm_csb_read_tabular(struct clm_csb_ctx *c, struct clm_csb_src *s,
    struct clm_error *err);
int clm_csb_read_pos_xml(struct clm_csb_ctx *c, struct clm_csb_src *s,
    struct clm_error *err);
/* Emit the builder's current ICD set as observations of release rel. */
int clm_csb_icd_emit(struct clm_csb *b, long rel, struct clm_error *err,
    const char *src);

#endif
