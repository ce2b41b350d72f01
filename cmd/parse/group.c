/*
 * Claim grouping for clm-parse (see group.h).  Window mode keeps groups in
 * first-seen order in memory; sort mode gives each row the key (claim
 * serial in first-seen order, row sequence), sorts rows in memory up to
 * the window size, spills sorted runs to unlinked temporary files and
 * merges them (at most PARSE_MAX_RUNS at once) at the end of the input.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "clm_csv.h"
#include "group.h"

#define MAX_CLAIM_BYTES ((size_t)64 << 20)
#define NONE ((size_t)-1)

enum mode { M_BUFFER, M_STREAM, M_DRAIN, M_SORT, M_SORTED, M_MERGE };

struct wgroup {
	uint64_t h;
	unsigned char flags;
	struct clm_row **rows;
	size_t n, cap, bytes;
};

/* id fingerprint -> claim serial (latest claim with that id). */
struct idmap {
	uint64_t *key;		/* 0 = empty */
	size_t *val;
	size_t cap, n;
};

struct entry {
	size_t serial;
	uint64_t seq;
	unsigned char flags;
	struct clm_row *row;
};

struct run {
	FILE *fp;
	int has;
	unsigned level;			/* merged from FAN^level spills */
	struct entry e;
};

struct parse_group {
	struct parse_ctx *pc;
	clm_row_source_fn up;
	void *upsrc;
	int id_col, line_col;
	char *name;
	enum mode mode;
	int eof, scattered;
	char *path;			/* regular file for the first pass */
	unsigned char delim;
	int adjacent;			/* the first pass found no scatter */
	int changed;			/* ...yet a split came: exit 2 */
	struct parse_idset *ids;	/* ids of claims handed out */
	/* window: win[i] has serial base + i; whead is the oldest held */
	struct wgroup *win;
	size_t nwin, wcap, whead, base, bytes;
	struct idmap map;
	size_t last;			/* serial of the last row's claim */
	int emitting;			/* handing out win[whead] */
	size_t epos;
	struct clm_row **pool;
	size_t npool, pool_cap;
	/* sort mode */
	struct entry *mem;
	size_t nmem, memcap, mpos;
	uint64_t seq;
	size_t next_serial;
	struct run *runs;
	size_t nruns;
	size_t cur_serial;
	char *iobuf;			/* one entry, serialized */
	size_t iocap;
};

static void
map_put(struct idmap *m, uint64_t k, size_t v)
{
	size_t i = (size_t)k & (m->cap - 1);

	while (m->key[i] != 0 && m->key[i] != k)
		i = (i + 1) & (m->cap - 1);
	if (m->key[i] == 0)
		m->n++;
	m->key[i] = k;
	m->val[i] = v;
}

static size_t
map_get(const struct idmap *m, uint64_t k)
{
	size_t i = (size_t)k & (m->cap - 1);

	while (m->key[i] != 0) {
		if (m->key[i] == k)
			return m->val[i];
		i = (i + 1) & (m->cap - 1);
	}
	return NONE;
}

static void
map_reset(struct idmap *m, size_t cap)
{
	free(m->key);
	free(m->val);
	m->cap = cap;
	m->n = 0;
	m->key = clm_xcalloc(cap, sizeof(*m->key));
	m->val = clm_xcalloc(cap, sizeof(*m->val));
}

/* Keep the map small: drop claims that left the window, or grow. */
static void
map_rebuild(struct parse_group *g)
{
	size_t live = g->nwin - g->whead, cap = 4096;
	struct idmap old = g->map;

	while (cap < live * 4)
		cap *= 2;
	if (g->mode == M_SORT) {
		g->map.key = NULL;
		g->map.val = NULL;
		map_reset(&g->map, old.cap * 2);
		for (size_t i = 0; i < old.cap; i++)
			if (old.key[i] != 0)
				map_put(&g->map, old.key[i], old.val[i]);
		free(old.key);
		free(old.val);
		return;
	}
	map_reset(&g->map, cap);
	for (size_t i = g->whead; i < g->nwin; i++)
		map_put(&g->map, g->win[i].h, g->base + i);
}

struct parse_group *
parse_group_new(struct parse_ctx *pc, clm_row_source_fn up, void *upsrc,
    int id_col, int line_col, const char *name, const char *path,
    unsigned char delim)
{
	struct parse_group *g = clm_xcalloc(1, sizeof(*g));

	g->path = path != NULL ? clm_xstrdup(path) : NULL;
	g->delim = delim;
	g->pc = pc;
	g->up = up;
	g->upsrc = upsrc;
	g->id_col = id_col;
	g->line_col = line_col;
	g->name = clm_xstrdup(name);
	g->ids = parse_idset_new();
	g->last = NONE;
	g->cur_serial = NONE;
	map_reset(&g->map, 4096);
	return g;
}

static struct clm_row *
pool_get(struct parse_group *g)
{
	return g->npool > 0 ? g->pool[--g->npool] : clm_row_new();
}

static void
pool_put(struct parse_group *g, struct clm_row *row)
{
	if (g->npool == g->pool_cap) {
		g->pool_cap = g->pool_cap ? g->pool_cap * 2 : 64;
		g->pool = clm_xrealloc(g->pool, g->pool_cap * sizeof(*g->pool));
	}
	clm_row_reset(row);
	g->pool[g->npool++] = row;
}

void
parse_group_free(struct parse_group *g)
{
	if (g == NULL)
		return;
	for (size_t i = g->whead; i < g->nwin; i++) {
		for (size_t r = g->emitting && i == g->whead ? g->epos : 0;
		    r < g->win[i].n; r++)
			clm_row_free(g->win[i].rows[r]);
	}
	for (size_t i = 0; i < g->nwin; i++)
		free(g->win[i].rows);
	free(g->win);
	for (size_t i = g->mpos; i < g->nmem; i++)
		clm_row_free(g->mem[i].row);
	free(g->mem);
	for (size_t i = 0; i < g->nruns; i++) {
		if (g->runs[i].has)
			clm_row_free(g->runs[i].e.row);
		fclose(g->runs[i].fp);
	}
	free(g->runs);
	while (g->npool > 0)
		clm_row_free(g->pool[--g->npool]);
	free(g->pool);
	free(g->map.key);
	free(g->map.val);
	parse_idset_free(g->ids);
	free(g->iobuf);
	free(g->path);
	free(g->name);
	free(g);
}

/* What a held row costs in memory: its arrays, arena and malloc headers. */
static size_t
row_bytes(const struct clm_row *row)
{
	return sizeof(*row) + row->cap * 2 * sizeof(size_t) + row->bufcap +
	    4 * 16;
}

static int
is_line_one(const char *v)
{
	while (*v == '0')
		v++;
	return v[0] == '1' && v[1] == '\0';
}

static struct wgroup *
new_group(struct parse_group *g, uint64_t h, unsigned char flags)
{
	struct wgroup *w;

	if (g->whead > 1024 && g->whead * 2 > g->nwin) {
		for (size_t i = 0; i < g->whead; i++)
			free(g->win[i].rows);
		memmove(g->win, g->win + g->whead,
		    (g->nwin - g->whead) * sizeof(*g->win));
		g->nwin -= g->whead;
		g->base += g->whead;
		g->whead = 0;
	}
	if (g->nwin == g->wcap) {
		g->wcap = g->wcap ? g->wcap * 2 : 256;
		g->win = clm_xrealloc(g->win, g->wcap * sizeof(*g->win));
	}
	w = &g->win[g->nwin++];
	memset(w, 0, sizeof(*w));
	w->h = h;
	w->flags = flags;
	if ((g->map.n + 1) * 2 > g->map.cap)
		map_rebuild(g);
	map_put(&g->map, h, g->base + g->nwin - 1);
	return w;
}

static void
group_append(struct parse_group *g, struct wgroup *w, struct clm_row *row)
{
	size_t b = row_bytes(row);

	if (w->n == w->cap) {
		w->cap = w->cap ? w->cap * 2 : 4;
		w->rows = clm_xrealloc(w->rows, w->cap * sizeof(*w->rows));
	}
	w->rows[w->n++] = row;
	w->bytes += b;
	g->bytes += b;
}

/* The window group a row belongs to, creating it when the row starts one. */
static struct wgroup *
place_row(struct parse_group *g, const struct clm_row *row)
{
	const char *id = clm_row_value(row, (size_t)g->id_col);
	int line1 = g->line_col >= 0 &&
	    is_line_one(clm_row_value(row, (size_t)g->line_col));
	uint64_t h = parse_id_hash(id, strlen(id));
	size_t s = map_get(&g->map, h);
	unsigned char flags = 0;

	if (s != NONE && s >= g->base + g->whead) {
		if (!line1) {
			if (s != g->last)
				g->scattered = 1;
			g->last = s;
			return &g->win[s - g->base];
		}
		flags = PARSE_REUSED;
	} else if (parse_idset_has(g->ids, h)) {
		flags = line1 ? PARSE_REUSED : PARSE_SPLIT;
		if (!line1 && g->adjacent)
			g->changed = 1;
	}
	g->last = g->base + g->nwin;
	return new_group(g, h, flags);
}

static int
add_to_window(struct parse_group *g, struct clm_row *row,
    struct clm_error *err)
{
	struct wgroup *w;

	if (g->last != NONE && g->last >= g->base + g->whead &&
	    g->last - g->base < g->nwin && !(g->emitting &&
	    g->last - g->base == g->whead)) {
		struct wgroup *lw = &g->win[g->last - g->base];
		const char *id = clm_row_value(row, (size_t)g->id_col);

		/* fast path: the row continues the previous row's claim */
		if (strcmp(id, clm_row_value(lw->rows[0],
		    (size_t)g->id_col)) == 0 && (g->line_col < 0 ||
		    !is_line_one(clm_row_value(row, (size_t)g->line_col)))) {
			w = lw;
			goto append;
		}
	}
	w = place_row(g, row);
append:
	if (w->bytes > MAX_CLAIM_BYTES)
		return clm_error_set(err, CLM_ELIMIT, g->name, row->line,
		    "one claim's rows exceed %zu MB", MAX_CLAIM_BYTES >> 20);
	group_append(g, w, row);
	return 0;
}

/* Hand a held row over by swapping arenas with the caller's row. */
static void
hand_over(struct parse_group *g, struct clm_row *src, struct clm_row *row)
{
	struct clm_row tmp = *row;

	*row = *src;
	*src = tmp;
	pool_put(g, src);
}

static void
note_claim(struct parse_group *g, uint64_t h, unsigned char flags)
{
	if (parse_idset_add(g->ids, h) < 0 && !g->pc->ids_full_noted)
		g->pc->ids_full_noted = 1;
	parse_flags_push(g->pc, flags);
}

/* Next row of the oldest window group; 0 when none is being handed out. */
static int
emit_window_row(struct parse_group *g, struct clm_row *row)
{
	struct wgroup *w = &g->win[g->whead];

	if (!g->emitting) {
		g->emitting = 1;
		g->epos = 0;
		note_claim(g, w->h, w->flags);
	}
	hand_over(g, w->rows[g->epos++], row);
	if (g->epos == w->n) {
		g->bytes -= w->bytes;
		free(w->rows);
		w->rows = NULL;
		w->n = 0;
		g->emitting = 0;
		g->whead++;
	}
	return 1;
}

/* ---- sort mode ---- */

static int
entry_cmp(const void *a, const void *b)
{
	const struct entry *x = a, *y = b;

	if (x->serial != y->serial)
		return x->serial < y->serial ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static void
mem_push(struct parse_group *g, size_t serial, unsigned char flags,
    struct clm_row *row)
{
	if (g->nmem == g->memcap) {
		g->memcap = g->memcap ? g->memcap * 2 : 1024;
		g->mem = clm_xrealloc(g->mem, g->memcap * sizeof(*g->mem));
	}
	g->mem[g->nmem].serial = serial;
	g->mem[g->nmem].seq = g->seq++;
	g->mem[g->nmem].flags = flags;
	g->mem[g->nmem].row = row;
	g->nmem++;
	g->bytes += row_bytes(row);
}

FILE *
parse_temp_file(const char *name, struct clm_error *err)
{
	const char *dir = getenv("TMPDIR");
	char path[4096];
	int fd;
	FILE *fp;

	snprintf(path, sizeof(path), "%s/clm-parse.XXXXXX",
	    dir && *dir ? dir : "/tmp");
	fd = mkstemp(path);
	if (fd < 0) {
		clm_error_set(err, CLM_EIO, name, 0, "cannot create a "
		    "temporary file for grouping in %s: %s",
		    dir && *dir ? dir : "/tmp", strerror(errno));
		return NULL;
	}
	unlink(path);
	fp = fdopen(fd, "w+b");
	if (fp == NULL) {
		close(fd);
		clm_error_set(err, CLM_EIO, name, 0, "cannot use a temporary "
		    "file for grouping: %s", strerror(errno));
		return NULL;
	}
	setvbuf(fp, NULL, _IOFBF, 64 * 1024);
	return fp;
}

/*
 * An entry on disk: serial, seq, line, flags | values << 8, payload bytes;
 * then the payload: a 32-bit length per value and the values.  One fwrite
 * and two freads per row (per-value stdio calls cost half the sort time).
 */
#define ENTRY_HEAD 5

static char *
io_room(struct parse_group *g, size_t need)
{
	if (need > g->iocap) {
		g->iocap = need > 2 * g->iocap ? need : 2 * g->iocap;
		g->iobuf = clm_xrealloc(g->iobuf, g->iocap);
	}
	return g->iobuf;
}

static int
put_entry(struct parse_group *g, FILE *fp, const struct entry *e)
{
	const struct clm_row *row = e->row;
	size_t pay = row->n * sizeof(uint32_t), pos;
	uint64_t head[ENTRY_HEAD];
	char *p;

	for (size_t i = 0; i < row->n; i++)
		pay += row->len[i];
	p = io_room(g, sizeof(head) + pay);
	head[0] = e->serial;
	head[1] = e->seq;
	head[2] = (uint64_t)row->line;
	head[3] = (uint64_t)e->flags | (uint64_t)row->n << 8;
	head[4] = pay;
	memcpy(p, head, sizeof(head));
	pos = sizeof(head);
	for (size_t i = 0; i < row->n; i++) {
		uint32_t len = (uint32_t)row->len[i];

		memcpy(p + pos, &len, sizeof(len));
		pos += sizeof(len);
	}
	for (size_t i = 0; i < row->n; i++) {
		memcpy(p + pos, clm_row_value(row, i), row->len[i]);
		pos += row->len[i];
	}
	return fwrite(p, 1, pos, fp) == pos ? 0 : -1;
}

/* Read the next entry of a run into e (row from the pool); 0 at end. */
static int
get_entry(struct parse_group *g, FILE *fp, struct entry *e)
{
	uint64_t head[ENTRY_HEAD];
	size_t n, pay, lpos, vpos;
	char *p;

	if (fread(head, sizeof(head), 1, fp) != 1)
		return ferror(fp) ? -1 : 0;
	n = (size_t)(head[3] >> 8);
	pay = (size_t)head[4];
	if (pay < n * sizeof(uint32_t))
		return -1;
	p = io_room(g, pay);
	if (pay > 0 && fread(p, 1, pay, fp) != pay)
		return -1;
	e->serial = (size_t)head[0];
	e->seq = head[1];
	e->flags = (unsigned char)(head[3] & 0xff);
	e->row = pool_get(g);
	e->row->line = (long)head[2];
	lpos = 0;
	vpos = n * sizeof(uint32_t);
	for (size_t i = 0; i < n; i++) {
		uint32_t len;

		memcpy(&len, p + lpos, sizeof(len));
		lpos += sizeof(len);
		if (len > pay - vpos) {
			pool_put(g, e->row);
			return -1;
		}
		clm_row_push(e->row, p + vpos, len);
		vpos += len;
	}
	return 1;
}

static int
run_io_error(struct parse_group *g, struct clm_error *err)
{
	return clm_error_set(err, CLM_EIO, g->name, 0, "temporary file for "
	    "grouping: read or write failed: %s", strerror(errno));
}

static int
add_run(struct parse_group *g, FILE *fp, unsigned level,
    struct clm_error *err)
{
	struct run *r;

	if (fflush(fp) != 0 || fseek(fp, 0, SEEK_SET) != 0) {
		fclose(fp);
		return run_io_error(g, err);
	}
	g->runs = clm_xrealloc(g->runs, (g->nruns + 1) * sizeof(*g->runs));
	r = &g->runs[g->nruns++];
	memset(r, 0, sizeof(*r));
	r->fp = fp;
	r->level = level;
	r->has = get_entry(g, fp, &r->e);
	if (r->has < 0) {
		r->has = 0;
		return run_io_error(g, err);
	}
	return 0;
}

/* Index of the run from first on whose entry sorts first, or NONE. */
static size_t
min_run(const struct parse_group *g, size_t first)
{
	size_t best = NONE;

	for (size_t i = first; i < g->nruns; i++)
		if (g->runs[i].has && (best == NONE ||
		    entry_cmp(&g->runs[i].e, &g->runs[best].e) < 0))
			best = i;
	return best;
}

/* Take the first entry of the merge of runs first..; 0 when exhausted. */
static int
merge_take(struct parse_group *g, size_t first, struct entry *e,
    struct clm_error *err)
{
	size_t i = min_run(g, first);

	if (i == NONE)
		return 0;
	*e = g->runs[i].e;
	g->runs[i].has = get_entry(g, g->runs[i].fp, &g->runs[i].e);
	if (g->runs[i].has < 0) {
		g->runs[i].has = 0;
		pool_put(g, e->row);
		return run_io_error(g, err);
	}
	return 1;
}

/* Merge runs first.. (the newest) into one run of the given level. */
static int
collapse_runs(struct parse_group *g, size_t first, unsigned level,
    struct clm_error *err)
{
	FILE *fp = parse_temp_file(g->name, err);
	struct entry e;
	int rc;

	if (fp == NULL)
		return -CLM_EIO;
	while ((rc = merge_take(g, first, &e, err)) > 0) {
		rc = put_entry(g, fp, &e);
		pool_put(g, e.row);
		if (rc < 0) {
			rc = run_io_error(g, err);
			break;
		}
	}
	for (size_t i = first; i < g->nruns; i++) {
		if (g->runs[i].has)
			pool_put(g, g->runs[i].e.row);
		fclose(g->runs[i].fp);
	}
	g->nruns = first;
	if (rc < 0) {
		fclose(fp);
		return rc;
	}
	return add_run(g, fp, level, err);
}

/*
 * Tiered merging: PARSE_FAN runs of one level become one run of the next,
 * so each row is rewritten about log_FAN(runs) times (near-linear; merging
 * everything into one run whenever PARSE_MAX_RUNS filled up rewrote all
 * rows so far each time, quadratic in the input).  The levels do not rise
 * along g->runs, so the runs of the lowest level are the last ones.
 */
static int
cascade(struct parse_group *g, struct clm_error *err)
{
	while (g->nruns > 0) {
		unsigned level = g->runs[g->nruns - 1].level;
		size_t n = 0;

		while (n < g->nruns && g->runs[g->nruns - 1 - n].level == level)
			n++;
		if (n < PARSE_FAN && g->nruns < PARSE_MAX_RUNS)
			return 0;
		if (n < 2)	/* PARSE_MAX_RUNS levels deep: merge all */
			n = g->nruns;
		if (collapse_runs(g, g->nruns - n, level + 1, err) < 0)
			return -CLM_EIO;
	}
	return 0;
}

static int
spill(struct parse_group *g, struct clm_error *err)
{
	FILE *fp;
	int rc = 0;

	if ((fp = parse_temp_file(g->name, err)) == NULL)
		return -CLM_EIO;
	qsort(g->mem, g->nmem, sizeof(*g->mem), entry_cmp);
	for (size_t i = 0; i < g->nmem; i++) {
		if (rc == 0 && put_entry(g, fp, &g->mem[i]) < 0)
			rc = -1;
		pool_put(g, g->mem[i].row);
	}
	g->nmem = 0;
	g->bytes = 0;
	if (rc < 0) {
		fclose(fp);
		return run_io_error(g, err);
	}
	if (add_run(g, fp, 0, err) < 0)
		return -CLM_EIO;
	return cascade(g, err);
}

/* Move the window (nothing handed out yet) into the sort buffer. */
static void
window_to_sort(struct parse_group *g)
{
	g->bytes = 0;
	for (size_t i = 0; i < g->nwin; i++) {
		struct wgroup *w = &g->win[i];

		for (size_t r = 0; r < w->n; r++)
			mem_push(g, g->base + i, r == 0 ? w->flags : 0,
			    w->rows[r]);
		free(w->rows);
		w->rows = NULL;
		w->n = 0;
	}
	g->whead = g->nwin;
	g->next_serial = g->base + g->nwin;
	g->mode = M_SORT;
}

static int
sort_add(struct parse_group *g, struct clm_row *row, struct clm_error *err)
{
	const char *id = clm_row_value(row, (size_t)g->id_col);
	int line1 = g->line_col >= 0 &&
	    is_line_one(clm_row_value(row, (size_t)g->line_col));
	uint64_t h = parse_id_hash(id, strlen(id));
	size_t s = map_get(&g->map, h);
	unsigned char flags = 0;

	if (s == NONE || line1) {
		flags = s == NONE ? 0 : PARSE_REUSED;
		s = g->next_serial++;
		if ((g->map.n + 1) * 2 > g->map.cap)
			map_rebuild(g);
		map_put(&g->map, h, s);
	}
	mem_push(g, s, flags, row);
	if (g->bytes > PARSE_SORT_FACTOR * g->pc->window)
		return spill(g, err);
	return 0;
}

/* Next row in sort order (memory only, or the merge of the runs). */
static int
emit_sorted(struct parse_group *g, struct clm_row *row, struct clm_error *err)
{
	struct entry e;
	int rc;

	if (g->mode == M_SORTED) {
		if (g->mpos == g->nmem)
			return 0;
		e = g->mem[g->mpos++];
	} else if ((rc = merge_take(g, 0, &e, err)) <= 0) {
		return rc;
	}
	if (e.serial != g->cur_serial) {
		const char *id = clm_row_value(e.row, (size_t)g->id_col);

		g->cur_serial = e.serial;
		note_claim(g, parse_id_hash(id, strlen(id)), e.flags);
	}
	hand_over(g, e.row, row);
	return 1;
}

static int
finish_sort(struct parse_group *g, struct clm_error *err)
{
	if (g->nruns == 0) {
		qsort(g->mem, g->nmem, sizeof(*g->mem), entry_cmp);
		g->mpos = 0;
		g->mode = M_SORTED;
		return 0;
	}
	if (g->nmem > 0 && spill(g, err) < 0)
		return -CLM_EIO;
	g->mode = M_MERGE;
	return 0;
}

/* Read one input row into the structure of the current mode. */
static int
read_one(struct parse_group *g, struct clm_error *err)
{
	struct clm_row *row = pool_get(g);
	int rc = g->up(g->upsrc, row, err);

	if (rc <= 0) {
		pool_put(g, row);
		if (rc == 0)
			g->eof = 1;
		return rc;
	}
	if (g->mode == M_SORT)
		return sort_add(g, row, err);
	return add_to_window(g, row, err);
}

/*
 * The first pass over a regular file: 1 when a row comes back to a claim
 * other than the one before it (the rows must be grouped whole), 0 when
 * every claim's rows are adjacent (they can stream), <0 on error.  Only
 * the claim id and line_no values are looked at; no row is kept.  The
 * rule is place_row's: a row joins the claim before it when its id is the
 * same and its line_no is not 1.
 */
static int
first_pass(struct parse_group *g, struct clm_error *err)
{
	struct clm_in *in = clm_in_open(g->path, err);
	struct clm_csv *csv;
	struct clm_row *row;
	struct parse_starts *starts;
	uint64_t cur = 0;
	int have = 0, rc, scattered = 0;

	if (in == NULL)
		return -CLM_EIO;
	csv = clm_csv_open(in, g->delim);
	clm_csv_readahead(csv);		/* parse while this thread hashes */
	row = clm_row_new();
	starts = parse_starts_new(g->name, PARSE_DETECT_FACTOR * g->pc->window);
	rc = clm_csv_next(csv, row, err);	/* the header row */
	while (rc > 0 && (rc = clm_csv_next(csv, row, err)) > 0) {
		const char *id = clm_row_value(row, (size_t)g->id_col);
		int line1 = g->line_col >= 0 &&
		    is_line_one(clm_row_value(row, (size_t)g->line_col));
		uint64_t h = parse_id_hash(id, strlen(id));

		if (have && h == cur && !line1)
			continue;
		if ((scattered = parse_starts_add(starts, h, !line1, err)) != 0)
			break;
		cur = h;
		have = 1;
	}
	if (rc >= 0 && scattered == 0)
		scattered = parse_starts_scattered(starts, err);
	parse_starts_free(starts);
	clm_row_free(row);
	clm_csv_close(csv);
	clm_in_close(in);
	if (rc < 0)
		return rc;
	return scattered;
}

/*
 * After a read in buffer mode, once the start of the input fills the
 * buffer: stream only when the first pass over the whole file proved the
 * claims' rows adjacent; a pipe, scattered rows or --sort group whole, so
 * that no claim is ever split into a part that goes out without the rest.
 */
static int
choose_mode(struct parse_group *g, struct clm_error *err)
{
	int rc = 1;

	if (g->bytes <= PARSE_DETECT_FACTOR * g->pc->window)
		return 0;
	if (!g->scattered && !g->pc->sort && g->path != NULL &&
	    (rc = first_pass(g, err)) < 0)
		return rc;
	if (rc == 0) {
		g->adjacent = 1;
		g->mode = M_STREAM;
	} else {
		window_to_sort(g);
	}
	return 0;
}

int
parse_group_next(void *p, struct clm_row *row, struct clm_error *err)
{
	struct parse_group *g = p;
	int rc;

	for (;;) {
		if (g->emitting)
			return emit_window_row(g, row);
		switch (g->mode) {
		case M_BUFFER:
		case M_STREAM:
			if (g->mode == M_STREAM && g->bytes > g->pc->window &&
			    g->nwin - g->whead > 1)
				return emit_window_row(g, row);
			if (g->eof) {
				g->mode = M_DRAIN;
				continue;
			}
			if ((rc = read_one(g, err)) < 0)
				return rc;
			if (g->mode == M_BUFFER && (rc = choose_mode(g, err)) < 0)
				return rc;
			continue;
		case M_DRAIN:
			if (g->whead < g->nwin && g->win[g->whead].n > 0)
				return emit_window_row(g, row);
			if (g->whead < g->nwin) {
				g->whead++;
				continue;
			}
			if (g->changed)
				return clm_error_set(err, CLM_EFORMAT, g->name,
				    0, "rows of a claim came back after it was "
				    "written (PARSE-CLAIM-SPLIT above), although "
				    "a first pass over the file found none: the "
				    "file changed while it was read; run again "
				    "on a complete export");
			return 0;
		case M_SORT:
			if (!g->eof) {
				if ((rc = read_one(g, err)) < 0)
					return rc;
				continue;
			}
			if ((rc = finish_sort(g, err)) < 0)
				return rc;
			continue;
		case M_SORTED:
		case M_MERGE:
			return emit_sorted(g, row, err);
		}
	}
}
