/* Claim-id fingerprints for clm-parse: the CLAIM-ID-REUSED set (bounded)
 * and the id -> claim map the grouping uses, plus the per-claim flag queue
 * from grouping to the claim callback. */
#include <stdlib.h>
#include <string.h>

#include "parse.h"

struct parse_idset {
	uint64_t *slot;		/* 0 = empty */
	size_t cap, n;
	size_t max;		/* slots it may grow to */
};

uint64_t
parse_id_hash(const char *id, size_t len)
{
	uint64_t h = 0xcbf29ce484222325ULL;

	for (size_t i = 0; i < len; i++) {
		h ^= (unsigned char)id[i];
		h *= 0x100000001b3ULL;
	}
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	return h ? h : 1;
}

static struct parse_idset *
idset_new_max(size_t max_slots)
{
	struct parse_idset *s = clm_xcalloc(1, sizeof(*s));

	s->cap = 4096;
	s->max = max_slots;
	s->slot = clm_xcalloc(s->cap, sizeof(*s->slot));
	return s;
}

struct parse_idset *
parse_idset_new(void)
{
	return idset_new_max(PARSE_IDSET_MAX_SLOTS);
}

void
parse_idset_free(struct parse_idset *s)
{
	if (s == NULL)
		return;
	free(s->slot);
	free(s);
}

static size_t
find_slot(const struct parse_idset *s, uint64_t h)
{
	size_t i = (size_t)h & (s->cap - 1);

	while (s->slot[i] != 0 && s->slot[i] != h)
		i = (i + 1) & (s->cap - 1);
	return i;
}

static void
grow(struct parse_idset *s)
{
	uint64_t *old = s->slot;
	size_t oldcap = s->cap;

	s->cap *= 2;
	s->slot = clm_xcalloc(s->cap, sizeof(*s->slot));
	for (size_t i = 0; i < oldcap; i++)
		if (old[i] != 0)
			s->slot[find_slot(s, old[i])] = old[i];
	free(old);
}

int
parse_idset_has(const struct parse_idset *s, uint64_t h)
{
	return s->slot[find_slot(s, h)] == h;
}

int
parse_idset_add(struct parse_idset *s, uint64_t h)
{
	size_t i = find_slot(s, h);

	if (s->slot[i] == h)
		return 1;
	if ((s->n + 1) * 4 > s->cap * 3) {
		if (s->cap >= s->max)
			return -1;
		grow(s);
		i = find_slot(s, h);
	}
	s->slot[i] = h;
	s->n++;
	return 0;
}

void
parse_flags_push(struct parse_ctx *pc, unsigned char f)
{
	if (pc->flags_head > 0 && pc->flags_head == pc->nflags)
		pc->flags_head = pc->nflags = 0;
	if (pc->nflags == pc->flags_cap) {
		pc->flags_cap = pc->flags_cap ? pc->flags_cap * 2 : 64;
		pc->flags = clm_xrealloc(pc->flags, pc->flags_cap);
	}
	pc->flags[pc->nflags++] = f;
}

unsigned char
parse_flags_pop(struct parse_ctx *pc)
{
	return pc->flags_head < pc->nflags ? pc->flags[pc->flags_head++] : 0;
}
