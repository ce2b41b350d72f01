/*
 * clm_x12in_len - element length limits of the 837P segments the reader
 * maps (X12 data element dictionary as used by 005010X222A1).  Composite
 * elements are not listed.
 */
#include <stdlib.h>
#include <string.h>

#include "clm_x12in_impl.h"

struct len_rule {
	char id[4];
	unsigned char el, min;
	unsigned short max;
};

/* By segment id, then element (looked up through order[]). */
static const struct len_rule rules[] = {
	{ "AMT", 1, 1, 3 }, { "AMT", 2, 1, 18 },
	{ "BHT", 1, 4, 4 }, { "BHT", 2, 2, 2 }, { "BHT", 3, 1, 50 },
	{ "BHT", 4, 8, 8 }, { "BHT", 5, 4, 8 }, { "BHT", 6, 2, 2 },
	{ "CAS", 1, 1, 2 }, { "CAS", 2, 1, 5 }, { "CAS", 3, 1, 18 },
	{ "CAS", 4, 1, 15 }, { "CAS", 5, 1, 5 }, { "CAS", 6, 1, 18 },
	{ "CAS", 7, 1, 15 },
	{ "CLM", 1, 1, 38 }, { "CLM", 2, 1, 18 }, { "CLM", 6, 1, 1 },
	{ "CLM", 7, 1, 1 }, { "CLM", 8, 1, 1 }, { "CLM", 9, 1, 1 },
	{ "CTP", 4, 1, 15 },
	{ "DMG", 1, 2, 3 }, { "DMG", 2, 1, 35 }, { "DMG", 3, 1, 1 },
	{ "DTP", 1, 3, 3 }, { "DTP", 2, 2, 3 }, { "DTP", 3, 1, 35 },
	{ "GE", 1, 1, 6 }, { "GE", 2, 1, 9 },
	{ "GS", 1, 2, 2 }, { "GS", 2, 2, 15 }, { "GS", 3, 2, 15 },
	{ "GS", 4, 8, 8 }, { "GS", 5, 4, 8 }, { "GS", 6, 1, 9 },
	{ "GS", 7, 1, 2 }, { "GS", 8, 1, 12 },
	{ "HL", 1, 1, 12 }, { "HL", 2, 1, 12 }, { "HL", 3, 1, 2 },
	{ "HL", 4, 1, 1 },
	{ "IEA", 1, 1, 5 }, { "IEA", 2, 9, 9 },
	{ "LIN", 1, 1, 20 }, { "LIN", 2, 2, 2 }, { "LIN", 3, 1, 48 },
	{ "LX", 1, 1, 6 },
	{ "N3", 1, 1, 55 }, { "N3", 2, 1, 55 },
	{ "N4", 1, 2, 30 }, { "N4", 2, 2, 2 }, { "N4", 3, 3, 15 },
	{ "N4", 4, 2, 3 },
	{ "NM1", 1, 2, 3 }, { "NM1", 2, 1, 1 }, { "NM1", 3, 1, 60 },
	{ "NM1", 4, 1, 35 }, { "NM1", 5, 1, 25 }, { "NM1", 7, 1, 10 },
	{ "NM1", 8, 1, 2 }, { "NM1", 9, 2, 80 },
	{ "NTE", 1, 3, 3 }, { "NTE", 2, 1, 80 },
	{ "PAT", 1, 2, 2 },
	{ "PER", 1, 2, 2 }, { "PER", 2, 1, 60 }, { "PER", 3, 2, 2 },
	{ "PER", 4, 1, 256 },
	{ "PRV", 1, 1, 3 }, { "PRV", 2, 2, 3 }, { "PRV", 3, 1, 50 },
	{ "REF", 1, 2, 3 }, { "REF", 2, 1, 50 },
	{ "SBR", 1, 1, 1 }, { "SBR", 2, 2, 2 }, { "SBR", 3, 1, 50 },
	{ "SBR", 4, 1, 60 }, { "SBR", 5, 1, 3 }, { "SBR", 9, 1, 2 },
	{ "SE", 1, 1, 10 }, { "SE", 2, 4, 9 },
	{ "ST", 1, 3, 3 }, { "ST", 2, 4, 9 }, { "ST", 3, 1, 35 },
	{ "SV1", 2, 1, 18 }, { "SV1", 3, 2, 2 }, { "SV1", 4, 1, 15 },
	{ "SV1", 5, 1, 2 },
	{ "SVD", 1, 2, 80 }, { "SVD", 2, 1, 18 }, { "SVD", 5, 1, 15 },
};
#define NRULES (sizeof(rules) / sizeof(rules[0]))

static size_t order[NRULES];	/* rules by segment code */
static int ordered;

static int
by_code(const void *a, const void *b)
{
	unsigned x = clm_x12in_code(rules[*(const size_t *)a].id);
	unsigned y = clm_x12in_code(rules[*(const size_t *)b].id);

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
		for (size_t i = 0; i < NRULES; i++)
			order[i] = i;
		qsort(order, NRULES, sizeof(order[0]), by_code);
		ordered = 1;
	}
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (clm_x12in_code(rules[order[mid]].id) < code)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

void
x12in_check_lengths(struct clm_x12in *x, const struct clm_x12in_seg *s)
{
	for (size_t k = first_rule(s->code); k < NRULES &&
	    clm_x12in_code(rules[order[k]].id) == s->code; k++) {
		const struct len_rule *r = &rules[order[k]];
		const char *p;
		size_t len = clm_x12in_el(s, r->el, &p);

		if (len == 0 || (len >= r->min && len <= r->max))
			continue;
		x12in_find(x, s, CLM_EDIT_X12_ELEMENT_LENGTH, "", "%s%02u is "
		    "%zu characters long; it must be %u to %u", s->id,
		    r->el, len, r->min, r->max);
	}
}
