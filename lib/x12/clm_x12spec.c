/*
 * clm_x12spec - lookups over an implementation guide table: the entry of
 * a segment in a loop, element usage, code lists, data types, syntax
 * notes.  The index of a guide is built on first use (static storage,
 * under a lock; read without one once published), so any number of
 * threads may look up.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <string.h>

#include "clm_x12spec.h"

#define MAX_USE 512
#define MAX_GUIDES 4
#define NSLOT 1024
#define MAX_LISTS 24

struct list {
	unsigned char el, comp;
	unsigned short off, len;	/* into use->codes */
};

struct index {
	const struct clm_x12spec *g;
	short slot[NSLOT];		/* first entry of (loop, id), -1 */
	short next[MAX_USE];		/* next entry of the same (loop, id) */
	short order[MAX_USE];		/* position inside its loop */
	short kind[MAX_USE];		/* first kind of (loop, id), -1 */
	struct list lists[MAX_USE][MAX_LISTS];
	unsigned char nlists[MAX_USE];
};

static struct index idx[MAX_GUIDES];
static atomic_int nidx;			/* idx[0..nidx) are built */
static pthread_mutex_t idx_lock = PTHREAD_MUTEX_INITIALIZER;

static unsigned
hash(const char *loop, const char *id)
{
	unsigned h = 2166136261u;

	for (; *loop; loop++)
		h = (h ^ (unsigned char)*loop) * 16777619u;
	h = (h ^ '/') * 16777619u;
	for (; *id; id++)
		h = (h ^ (unsigned char)*id) * 16777619u;
	return h % NSLOT;
}

static void
parse_lists(struct index *ix, size_t u)
{
	const char *c = ix->g->use[u].codes, *p = c;

	while (*p != '\0' && ix->nlists[u] < MAX_LISTS) {
		struct list *l = &ix->lists[u][ix->nlists[u]];
		unsigned el = 0, comp = 0;
		size_t len;

		while (*p >= '0' && *p <= '9')
			el = el * 10 + (unsigned)(*p++ - '0');
		if (*p == '.')
			for (p++; *p >= '0' && *p <= '9'; p++)
				comp = comp * 10 + (unsigned)(*p - '0');
		if (*p != '=')
			return;		/* malformed: the unit test says so */
		p++;
		len = strcspn(p, ";");
		l->el = (unsigned char)el;
		l->comp = (unsigned char)comp;
		l->off = (unsigned short)(p - c);
		l->len = (unsigned short)len;
		ix->nlists[u]++;
		p += len;
		if (*p == ';')
			p++;
	}
}

static struct index *build_index(struct index *ix,
    const struct clm_x12spec *g);

static struct index *
index_of(const struct clm_x12spec *g)
{
	int n = atomic_load_explicit(&nidx, memory_order_acquire);
	struct index *ix = NULL;

	for (int i = 0; i < n; i++)
		if (idx[i].g == g)
			return &idx[i];
	pthread_mutex_lock(&idx_lock);
	n = atomic_load_explicit(&nidx, memory_order_relaxed);
	for (int i = 0; i < n && ix == NULL; i++)
		if (idx[i].g == g)
			ix = &idx[i];
	if (ix == NULL && n < MAX_GUIDES && g->nuse <= MAX_USE) {
		ix = build_index(&idx[n], g);
		atomic_store_explicit(&nidx, n + 1, memory_order_release);
	}
	pthread_mutex_unlock(&idx_lock);
	return ix;
}

static struct index *
build_index(struct index *ix, const struct clm_x12spec *g)
{
	ix->g = g;
	memset(ix->slot, 0xff, sizeof(ix->slot));
	for (size_t u = g->nuse; u-- > 0;) {
		const struct clm_x12spec_use *e = &g->use[u];
		unsigned h = hash(e->loop, e->id);
		short order = 0;

		/* probe for the slot of (loop, id) */
		while (ix->slot[h] >= 0 && (strcmp(g->use[ix->slot[h]].loop,
		    e->loop) != 0 || strcmp(g->use[ix->slot[h]].id, e->id) !=
		    0))
			h = (h + 1) % NSLOT;
		ix->next[u] = ix->slot[h];
		ix->slot[h] = (short)u;
		for (size_t k = 0; k < u; k++)
			if (strcmp(g->use[k].loop, e->loop) == 0)
				order++;
		ix->order[u] = order;
		ix->kind[u] = -1;
		for (size_t k = g->nkinds; k-- > 0;)
			if (strcmp(g->kinds[k].loop, e->loop) == 0 &&
			    strcmp(g->kinds[k].id, e->id) == 0)
				ix->kind[u] = (short)k;
		parse_lists(ix, u);
	}
	return ix;
}

static int
in_list(const char *list, size_t llen, const char *v, size_t len)
{
	const char *p = list, *end = list + llen;

	if (len == 0 || memchr(v, ' ', len) != NULL)
		return 0;	/* codes hold no space */
	while (p + len <= end) {
		if (*p == *v && memcmp(p, v, len) == 0 &&
		    (p + len == end || p[len] == ' '))
			return 1;
		while (p < end && *p != ' ')
			p++;
		p++;
	}
	return 0;
}

static const struct clm_x12spec_use *
find_in(const struct index *ix, const char *loop, const char *id,
    const char *el1, size_t len1, int *order)
{
	const struct clm_x12spec *g = ix->g;
	unsigned h = hash(loop, id);
	short u;

	while ((u = ix->slot[h]) >= 0 && (strcmp(g->use[u].loop, loop) != 0 ||
	    strcmp(g->use[u].id, id) != 0))
		h = (h + 1) % NSLOT;
	if (u < 0)
		return NULL;
	{
		short any = -1, hit = -1;

		for (short k = u; k >= 0 && hit < 0; k = ix->next[k]) {
			const char *q = g->use[k].qual;

			if (*q == '\0') {
				if (any < 0)
					any = k;
			} else if (in_list(q, strlen(q), el1, len1)) {
				hit = k;
			}
		}
		u = hit >= 0 ? hit : any >= 0 ? any : u;
	}
	if (order != NULL)
		*order = ix->order[u];
	return &g->use[u];
}

const struct clm_x12spec_use *
clm_x12spec_find(const struct clm_x12spec *g, const char *loop,
    const char *id, const char *el1, size_t len1, int *order)
{
	const struct index *ix = index_of(g);
	const struct clm_x12spec_use *u;

	if (ix == NULL)
		return NULL;
	if ((u = find_in(ix, loop, id, el1, len1, order)) != NULL)
		return u;
	if (order != NULL)
		*order = -1;
	return find_in(ix, "*", id, el1, len1, NULL);
}

unsigned
clm_x12spec_repeat(const struct clm_x12spec *g,
    const struct clm_x12spec_use *u, const char *el1, size_t len1,
    const void **key)
{
	const struct index *ix = index_of(g);
	size_t n;

	*key = u;
	if (u == NULL)
		return 0;
	if (ix == NULL || u < g->use || u >= g->use + g->nuse)
		return u->repeat;
	n = (size_t)(u - g->use);
	for (size_t k = ix->kind[n] < 0 ? g->nkinds : (size_t)ix->kind[n];
	    k < g->nkinds; k++) {
		const struct clm_x12spec_kind *kd = &g->kinds[k];

		if (strcmp(kd->loop, u->loop) != 0 || strcmp(kd->id, u->id) != 0)
			break;
		if (in_list(kd->quals, strlen(kd->quals), el1, len1)) {
			*key = kd;
			return kd->repeat;
		}
	}
	return u->repeat;
}

int
clm_x12spec_has_kinds(const struct clm_x12spec *g,
    const struct clm_x12spec_use *u)
{
	const struct index *ix = index_of(g);

	if (ix == NULL || u < g->use || u >= g->use + g->nuse)
		return 0;
	return ix->kind[u - g->use] >= 0;
}

char
clm_x12spec_eluse(const struct clm_x12spec_use *u, size_t i)
{
	if (i < 1)
		return 'N';
	for (size_t k = 0; k < i; k++)
		if (u->eluse[k] == '\0')
			return 'N';
	return u->eluse[i - 1];
}

int
clm_x12spec_code(const struct clm_x12spec_use *u, size_t i, size_t k,
    const char *v, size_t len, int *ok)
{
	const struct index *ix = NULL;
	int nix = atomic_load_explicit(&nidx, memory_order_acquire);
	size_t n;

	for (int j = 0; j < nix; j++)
		if (u >= idx[j].g->use && u < idx[j].g->use + idx[j].g->nuse)
			ix = &idx[j];
	if (ix == NULL)
		return 0;
	n = (size_t)(u - ix->g->use);
	for (unsigned char j = 0; j < ix->nlists[n]; j++) {
		const struct list *l = &ix->lists[n][j];

		if (l->el != i || l->comp != k)
			continue;
		*ok = in_list(u->codes + l->off, l->len, v, len);
		return 1;
	}
	return 0;
}

static int
digits(const char *v, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (v[i] < '0' || v[i] > '9')
			return 0;
	return len > 0;
}

static int
num2(const char *v)
{
	return (v[0] - '0') * 10 + (v[1] - '0');
}

int
clm_x12spec_valid_date(const char *v, size_t len)
{
	static const int mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31,
		30, 31 };
	int y, m, d;

	if ((len != 8 && len != 6) || !digits(v, len))
		return 0;
	y = len == 8 ? num2(v) * 100 + num2(v + 2) : num2(v);
	m = num2(v + len - 4);
	d = num2(v + len - 2);
	if (m < 1 || m > 12 || d < 1 || d > mdays[m - 1])
		return 0;
	if (m == 2 && d == 29 && len == 8)
		return y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
	return 1;
}

static int
valid_time(const char *v, size_t len)
{
	if (len < 4 || len > 8 || len == 5 || !digits(v, len))
		return 0;
	if (num2(v) > 23 || num2(v + 2) > 59)
		return 0;
	return len < 6 || num2(v + 4) <= 59;
}

static int
valid_real(const char *v, size_t len)
{
	size_t i = 0, nd = 0;
	int dot = 0;

	if (i < len && v[i] == '-')
		i++;
	for (; i < len; i++) {
		if (v[i] == '.' && !dot)
			dot = 1;
		else if (v[i] >= '0' && v[i] <= '9')
			nd++;
		else
			return 0;
	}
	return nd > 0;
}

int
clm_x12spec_valid_type(enum clm_x12spec_type t, const char *v, size_t len)
{
	switch (t) {
	case CLM_X12SPEC_DT:
		return clm_x12spec_valid_date(v, len);
	case CLM_X12SPEC_TM:
		return valid_time(v, len);
	case CLM_X12SPEC_N0:
	case CLM_X12SPEC_N2:
		return len > 0 && (v[0] == '-' ? digits(v + 1, len - 1) :
		    digits(v, len));
	case CLM_X12SPEC_R:
		return valid_real(v, len);
	default:
		return 1;
	}
}

int
clm_x12spec_note(const struct clm_x12spec_seg *d, size_t k,
    struct clm_x12spec_note *out)
{
	const char *p = d->syntax;

	if (*p == '\0')
		return 0;
	for (;;) {
		size_t len;

		p += strspn(p, " ");
		len = strcspn(p, " ");
		if (len == 0)
			return 0;
		if (k-- == 0) {
			out->kind = p[0];
			out->n = 0;
			for (size_t i = 1; i + 1 < len && out->n < 8; i += 2)
				out->el[out->n++] = (unsigned char)((p[i] -
				    '0') * 10 + (p[i + 1] - '0'));
			return 1;
		}
		p += len;
	}
}

const char *
clm_x12spec_loop_segments(const struct clm_x12spec *g, const char *loop)
{
	for (size_t i = 0; i < g->nloops; i++)
		if (strcmp(g->loops[i].name, loop) == 0)
			return g->loops[i].segments;
	return "";
}
