/*
 * clm_x12spec - an X12 implementation guide as data.
 *
 * Two layers, as the guides themselves are built:
 *  - the dictionary (clm_x12spec_dict): per segment id, its elements with
 *    the X12 data element number, data type, minimum and maximum length
 *    and the segment's syntax notes (P, R, C, E, L);
 *  - the guide (struct clm_x12spec): per loop, the segments in guide
 *    order with usage (R, S, N), repeat count, the qualifier that selects
 *    the entry, each element's usage in that loop and the guide's own
 *    code lists.
 * The 837P (005010X222A1) is clm_x12spec_837p; an 837I is a second
 * struct clm_x12spec of the same shape.  Tables are static and read-only;
 * nothing here allocates except the one-time index built on first use
 * (owned by the module, never freed).  The library never prints.
 */
#ifndef CLM_X12SPEC_H
#define CLM_X12SPEC_H

#include <stddef.h>

enum clm_x12spec_type {
	CLM_X12SPEC_AN, CLM_X12SPEC_ID, CLM_X12SPEC_DT, CLM_X12SPEC_TM,
	CLM_X12SPEC_N0, CLM_X12SPEC_N2, CLM_X12SPEC_R, CLM_X12SPEC_COMP
};

/* One data element of the dictionary (a composite: type COMP). */
struct clm_x12spec_el {
	unsigned short ref;		/* X12 data element number */
	unsigned char type;		/* enum clm_x12spec_type */
	unsigned char min;
	unsigned short max;
	char mand;			/* 'M' mandatory in the standard, 'O' */
};

/* Dictionary entry of a segment; elements from 1 (el[0] is element 1). */
struct clm_x12spec_seg {
	char id[4];
	unsigned char nel;
	const struct clm_x12spec_el *el;
	const char *syntax;		/* "P0809 C1110 R0203", "" for none */
};

/*
 * A segment as one loop of the guide uses it.  usage is 'R', 'S' or 'N';
 * qual is the value of element 1 that selects this entry ("" any; several
 * separated by spaces); eluse the usage of elements 1.. ('R', 'S', 'N';
 * past its end an element is not used); codes the guide's code lists as
 * "E=C C C;E.K=C C" (element E, component K).
 */
struct clm_x12spec_use {
	const char *loop;
	char id[4];
	char usage;
	unsigned short repeat;		/* 0 = unbounded (">1") */
	const char *qual;
	const char *eluse;
	const char *codes;
};

/* A loop: the segments it holds after its first, in guide order. */
struct clm_x12spec_loop {
	const char *name;
	const char *segments;		/* " PER ", " N3 N4 REF PER " */
};

/*
 * One segment of the guide that shares its loop and id with others and is
 * told apart by element 1 (2300 DTP*431, DTP*454...): the segments of
 * loop and id whose element 1 is one of quals count together, at most
 * repeat times in one loop instance.  Segments matching no such kind
 * count under their entry's repeat.
 */
struct clm_x12spec_kind {
	const char *loop;
	char id[4];
	unsigned short repeat;
	const char *quals;
};

struct clm_x12spec {
	const char *version;		/* "005010X222A1" */
	const struct clm_x12spec_use *use;
	size_t nuse;
	const struct clm_x12spec_loop *loops;
	size_t nloops;
	const struct clm_x12spec_kind *kinds;
	size_t nkinds;
};

extern const struct clm_x12spec clm_x12spec_837p;

/* Segments of loop after its first ("" when the guide has no such loop). */
const char *clm_x12spec_loop_segments(const struct clm_x12spec *g,
    const char *loop);
/* Dictionary entry of a segment id, NULL when unknown. */
const struct clm_x12spec_seg *clm_x12spec_dict(const char *id);
/* Element i (1-based) of a dictionary segment, NULL past its end. */
const struct clm_x12spec_el *clm_x12spec_el(const struct clm_x12spec_seg *d,
    size_t i);
/* Component k of composite element ref (C023, C003...), NULL if unknown. */
const struct clm_x12spec_el *clm_x12spec_comp(unsigned short ref, size_t k);

/*
 * The entry of segment id in loop whose qualifier matches el1 (length
 * len1), else the first entry of id in loop; NULL when the loop does not
 * use the segment.  *order is set to the entry's position in the loop
 * (guide order), for the sequence check.
 */
const struct clm_x12spec_use *clm_x12spec_find(const struct clm_x12spec *g,
    const char *loop, const char *id, const char *el1, size_t len1,
    int *order);
/*
 * The repeat limit of a segment of entry u (found by clm_x12spec_find in
 * g) whose element 1 is el1: the maximum per loop instance (0 unbounded),
 * and in *key what it counts under (its kind, else u), for the reader's
 * per-loop counters.
 */
unsigned clm_x12spec_repeat(const struct clm_x12spec *g,
    const struct clm_x12spec_use *u, const char *el1, size_t len1,
    const void **key);
/* Non-zero when the guide tells segments of u's loop and id apart by
 * element 1 for their repeat (kinds). */
int clm_x12spec_has_kinds(const struct clm_x12spec *g,
    const struct clm_x12spec_use *u);
/* Usage of element i in u ('R', 'S', 'N'). */
char clm_x12spec_eluse(const struct clm_x12spec_use *u, size_t i);
/*
 * Non-zero when u has a code list for element i, component k (0 for a
 * simple element); *ok set to whether value v (length len) is in it.
 */
int clm_x12spec_code(const struct clm_x12spec_use *u, size_t i, size_t k,
    const char *v, size_t len, int *ok);

/* Data type checks: non-zero when v (length len) is a valid value. */
int clm_x12spec_valid_type(enum clm_x12spec_type t, const char *v,
    size_t len);
/* A calendar date CCYYMMDD (len 8) or YYMMDD (len 6). */
int clm_x12spec_valid_date(const char *v, size_t len);

/* A syntax note of a dictionary segment, parsed. */
struct clm_x12spec_note {
	char kind;			/* P R C E L */
	unsigned char n;
	unsigned char el[8];
};
/* Note k of d (0-based) into *out; 0 when there are no more. */
int clm_x12spec_note(const struct clm_x12spec_seg *d, size_t k,
    struct clm_x12spec_note *out);

#endif
