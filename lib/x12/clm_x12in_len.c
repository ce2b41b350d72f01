/*
 * clm_x12in_len - element length limits and mandatory elements of the
 * 837P segments the reader maps (X12 data element dictionary and the
 * 005010X222A1 usage as in the pyx12 map).  Composites are not listed.
 */
#include <stdlib.h>
#include <string.h>

#include "clm_x12in_impl.h"

struct len_rule {
	char id[4];
	unsigned char el, min;
	unsigned short max;
	unsigned char req;	/* mandatory in every 837P loop it is used in */
};

/* By segment id, then element (looked up through order[]). */
static const struct len_rule rules[] = {
	{ "AMT", 1, 1, 3, 1 }, { "AMT", 2, 1, 18, 1 },
	{ "BHT", 1, 4, 4, 1 }, { "BHT", 2, 2, 2, 1 }, { "BHT", 3, 1, 50, 1 },
	{ "BHT", 4, 8, 8, 1 }, { "BHT", 5, 4, 8, 0 }, { "BHT", 6, 2, 2, 1 },
	{ "CAS", 1, 1, 2, 1 }, { "CAS", 2, 1, 5, 1 }, { "CAS", 3, 1, 18, 1 },
	{ "CAS", 4, 1, 15, 0 }, { "CAS", 5, 1, 5, 0 }, { "CAS", 6, 1, 18, 0 },
	{ "CAS", 7, 1, 15, 0 },
	{ "CLM", 1, 1, 38, 1 }, { "CLM", 2, 1, 18, 1 }, { "CLM", 6, 1, 1, 1 },
	{ "CLM", 7, 1, 1, 1 }, { "CLM", 8, 1, 1, 1 }, { "CLM", 9, 1, 1, 1 },
	{ "CTP", 4, 1, 15, 1 },
	{ "DMG", 1, 2, 3, 1 }, { "DMG", 2, 1, 35, 1 }, { "DMG", 3, 1, 1, 1 },
	{ "DTP", 1, 3, 3, 1 }, { "DTP", 2, 2, 3, 1 }, { "DTP", 3, 1, 35, 1 },
	{ "GE", 1, 1, 6, 1 }, { "GE", 2, 1, 9, 1 },
	{ "GS", 1, 2, 2, 1 }, { "GS", 2, 2, 15, 1 }, { "GS", 3, 2, 15, 1 },
	{ "GS", 4, 8, 8, 1 }, { "GS", 5, 4, 8, 1 }, { "GS", 6, 1, 9, 1 },
	{ "GS", 7, 1, 2, 1 }, { "GS", 8, 1, 12, 1 },
	{ "HL", 1, 1, 12, 1 }, { "HL", 2, 1, 12, 0 }, { "HL", 3, 1, 2, 1 },
	{ "HL", 4, 1, 1, 1 },
	{ "IEA", 1, 1, 5, 1 }, { "IEA", 2, 9, 9, 1 },
	{ "LIN", 1, 1, 20, 0 }, { "LIN", 2, 2, 2, 1 }, { "LIN", 3, 1, 48, 1 },
	{ "LX", 1, 1, 6, 1 },
	{ "N3", 1, 1, 55, 1 }, { "N3", 2, 1, 55, 0 },
	{ "N4", 1, 2, 30, 1 }, { "N4", 2, 2, 2, 0 }, { "N4", 3, 3, 15, 0 },
	{ "N4", 4, 2, 3, 0 },
	{ "NM1", 1, 2, 3, 1 }, { "NM1", 2, 1, 1, 1 }, { "NM1", 3, 1, 60, 0 },
	{ "NM1", 4, 1, 35, 0 }, { "NM1", 5, 1, 25, 0 }, { "NM1", 7, 1, 10, 0 },
	{ "NM1", 8, 1, 2, 0 }, { "NM1", 9, 2, 80, 0 },
	{ "NTE", 1, 3, 3, 1 }, { "NTE", 2, 1, 80, 1 },
	{ "PAT", 1, 2, 2, 0 },
	{ "PER", 1, 2, 2, 1 }, { "PER", 2, 1, 60, 0 }, { "PER", 3, 2, 2, 0 },
	{ "PER", 4, 1, 256, 0 },
	{ "PRV", 1, 1, 3, 1 }, { "PRV", 2, 2, 3, 1 }, { "PRV", 3, 1, 50, 1 },
	{ "REF", 1, 2, 3, 1 }, { "REF", 2, 1, 50, 1 },
	{ "SBR", 1, 1, 1, 1 }, { "SBR", 2, 2, 2, 0 }, { "SBR", 3, 1, 50, 0 },
	{ "SBR", 4, 1, 60, 0 }, { "SBR", 5, 1, 3, 0 }, { "SBR", 9, 1, 2, 0 },
	{ "SE", 1, 1, 10, 1 }, { "SE", 2, 4, 9, 1 },
	{ "ST", 1, 3, 3, 1 }, { "ST", 2, 4, 9, 1 }, { "ST", 3, 1, 35, 1 },
	{ "SV1", 2, 1, 18, 1 }, { "SV1", 3, 2, 2, 1 }, { "SV1", 4, 1, 15, 1 },
	{ "SV1", 5, 1, 2, 0 },
	{ "SVD", 1, 2, 80, 1 }, { "SVD", 2, 1, 18, 1 }, { "SVD", 5, 1, 15, 1 },
};
#define NRULES (sizeof(rules) / sizeof(rules[0]))

static size_t order[NRULES];	/* rules by segment code */
static unsigned code_of[NRULES];	/* segment code of rules[i] */
static int ordered;

static int
by_code(const void *a, const void *b)
{
	unsigned x = code_of[*(const size_t *)a];
	unsigned y = code_of[*(const size_t *)b];

	if (x != y)
		return x < y ? -1 : 1;
	return *(const size_t *)a < *(const size_t *)b ? -1 : 1;
}

/* Index into order of the first rule for code, NRULES when none. */
static size_t
first_rule(unsigned code)
{
	size_t lo = 0, hi = NRULES;

	if (!ordered) {
		for (size_t i = 0; i < NRULES; i++) {
			order[i] = i;
			code_of[i] = clm_x12in_code(rules[i].id);
		}
		qsort(order, NRULES, sizeof(order[0]), by_code);
		ordered = 1;
	}
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (code_of[order[mid]] < code)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

void
clm_x12in_check_lengths(struct clm_x12in *x, const struct clm_x12in_seg *s)
{
	for (size_t k = first_rule(s->code); k < NRULES &&
	    code_of[order[k]] == s->code; k++) {
		const struct len_rule *r = &rules[order[k]];
		const char *p;
		size_t len = clm_x12in_el(s, r->el, &p);

		if (len == 0 && r->req)
			clm_x12in_find(x, s, CLM_EDIT_X12_REQUIRED, "", "%s%02u is "
			    "mandatory and empty", s->id, r->el);
		if (len == 0 || (len >= r->min && len <= r->max))
			continue;
		clm_x12in_find(x, s, CLM_EDIT_X12_ELEMENT_LENGTH, "", "%s%02u is "
		    "%zu characters long; it must be %u to %u", s->id,
		    r->el, len, r->min, r->max);
	}
}
