/*
 * clm_codeset - open the index (mmap, checks described in
 * clm_codeset_format.h) and answer lookups by binary search.  Nothing here
 * allocates after open; every offset read from the file is checked.
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "clm_codeset.h"
#include "clm_codeset_format.h"
#include "clm_date.h"

struct clm_codeset {
	const unsigned char *base;
	size_t size;
	int mapped;		/* munmap base, else free it */
	const char *strings;
	size_t nstrings;
	const struct clm_idx_release *rel;
	size_t nrel;
	const struct clm_idx_code *codes;
	size_t ncodes;
	const struct clm_idx_span *spans;
	size_t nspans;
	const struct clm_idx_note *notes;
	size_t nnotes;
	const uint32_t *sevdesc;
	size_t nsevdesc;
	const struct clm_idx_excl *excl;
	size_t nexcl;
	const struct clm_idx_mce *mce;
	size_t nmce;
	const struct clm_idx_ptp *ptp;
	size_t nptp;
	const struct clm_idx_mue *mue;
	size_t nmue;
	char path[256];
};

static const size_t entsizes[CLM_SEC_COUNT_] = {
	[CLM_SEC_STRINGS] = 1,
	[CLM_SEC_RELEASES] = sizeof(struct clm_idx_release),
	[CLM_SEC_CODES] = sizeof(struct clm_idx_code),
	[CLM_SEC_SPANS] = sizeof(struct clm_idx_span),
	[CLM_SEC_NOTES] = sizeof(struct clm_idx_note),
	[CLM_SEC_SEVDESC] = sizeof(uint32_t),
	[CLM_SEC_EXCL1] = sizeof(struct clm_idx_excl),
	[CLM_SEC_MCE] = sizeof(struct clm_idx_mce),
	[CLM_SEC_PTP] = sizeof(struct clm_idx_ptp),
	[CLM_SEC_MUE] = sizeof(struct clm_idx_mue),
};

/* A string from the pool; "" for an offset out of range. */
static const char *
str_at(const struct clm_codeset *cs, uint32_t off)
{
	return off < cs->nstrings ? cs->strings + off : "";
}

static int
fmt_err(const struct clm_codeset *cs, struct clm_error *err, const char *what)
{
	return clm_error_set(err, CLM_EFORMAT, cs->path, 0,
	    "not a usable clm code-set index: %s", what);
}

static uint32_t
head_crc(const unsigned char *base, size_t tablelen)
{
	struct clm_idx_header h;
	uLong crc;

	memcpy(&h, base, sizeof(h));
	h.head_crc = 0;
	crc = crc32(0L, (const Bytef *)&h, sizeof(h));
	return (uint32_t)crc32(crc, base + sizeof(h), (uInt)tablelen);
}

static int
check_header(const struct clm_codeset *cs, struct clm_error *err)
{
	struct clm_idx_header h;

	if (cs->size < sizeof(h))
		return fmt_err(cs, err, "file too short for a header");
	memcpy(&h, cs->base, sizeof(h));
	if (memcmp(h.magic, CLM_IDX_MAGIC, 8) != 0)
		return fmt_err(cs, err, "wrong magic (not an index file)");
	if (h.byteorder != CLM_IDX_BOM)
		return fmt_err(cs, err, "built on a machine of other byte order");
	if (h.version != CLM_IDX_VERSION)
		return clm_error_set(err, CLM_EFORMAT, cs->path, 0,
		    "index format version %u, this program reads %u: "
		    "rebuild it with 'clm codeset build'", h.version,
		    CLM_IDX_VERSION);
	if (h.file_size != cs->size)
		return clm_error_set(err, CLM_EFORMAT, cs->path, 0,
		    "index is %zu bytes but its header says %llu "
		    "(truncated or damaged)", cs->size,
		    (unsigned long long)h.file_size);
	if (h.nsections > CLM_IDX_MAX_SECTIONS || sizeof(h) +
	    h.nsections * sizeof(struct clm_idx_section) > cs->size)
		return fmt_err(cs, err, "bad section table");
	if (head_crc(cs->base, h.nsections * sizeof(struct clm_idx_section))
	    != h.head_crc)
		return fmt_err(cs, err, "header checksum mismatch");
	return 0;
}

static void
set_section(struct clm_codeset *cs, uint32_t id, const void *p, size_t n)
{
	switch (id) {
	case CLM_SEC_STRINGS: cs->strings = p; cs->nstrings = n; break;
	case CLM_SEC_RELEASES: cs->rel = p; cs->nrel = n; break;
	case CLM_SEC_CODES: cs->codes = p; cs->ncodes = n; break;
	case CLM_SEC_SPANS: cs->spans = p; cs->nspans = n; break;
	case CLM_SEC_NOTES: cs->notes = p; cs->nnotes = n; break;
	case CLM_SEC_SEVDESC: cs->sevdesc = p; cs->nsevdesc = n; break;
	case CLM_SEC_EXCL1: cs->excl = p; cs->nexcl = n; break;
	case CLM_SEC_MCE: cs->mce = p; cs->nmce = n; break;
	case CLM_SEC_PTP: cs->ptp = p; cs->nptp = n; break;
	case CLM_SEC_MUE: cs->mue = p; cs->nmue = n; break;
	default: break;
	}
}

static int
load_sections(struct clm_codeset *cs, struct clm_error *err)
{
	struct clm_idx_header h;
	size_t start;

	memcpy(&h, cs->base, sizeof(h));
	start = sizeof(h) + h.nsections * sizeof(struct clm_idx_section);
	for (uint32_t i = 0; i < h.nsections; i++) {
		struct clm_idx_section s;

		memcpy(&s, cs->base + sizeof(h) + i * sizeof(s), sizeof(s));
		if (s.id == 0 || s.id >= CLM_SEC_COUNT_)
			continue;	/* a newer section: ignore */
		if (s.entsize != entsizes[s.id] || s.offset % 8 != 0 ||
		    s.offset < start || s.offset > cs->size ||
		    s.count > (cs->size - s.offset) / s.entsize)
			return fmt_err(cs, err, "section out of bounds");
		set_section(cs, s.id, cs->base + s.offset, (size_t)s.count);
	}
	if (cs->nstrings == 0 || cs->strings[cs->nstrings - 1] != '\0' ||
	    cs->strings[0] != '\0')
		return fmt_err(cs, err, "string pool damaged");
	if (cs->nrel > UINT16_MAX)
		return fmt_err(cs, err, "too many releases");
	return 0;
}

static struct clm_codeset *
finish_open(struct clm_codeset *cs, struct clm_error *err)
{
	if (check_header(cs, err) < 0 || load_sections(cs, err) < 0) {
		clm_codeset_close(cs);
		return NULL;
	}
	return cs;
}

struct clm_codeset *
clm_codeset_open(const char *path, struct clm_error *err)
{
	struct clm_codeset *cs;
	struct stat st;
	void *p;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0) {
		clm_error_set(err, CLM_EIO, path, 0, "cannot open index: %s",
		    strerror(errno));
		return NULL;
	}
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) || st.st_size == 0) {
		clm_error_set(err, CLM_EFORMAT, path, 0,
		    "not a usable clm code-set index: %s",
		    st.st_size == 0 ? "empty file" : "not a regular file");
		close(fd);
		return NULL;
	}
	p = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
	close(fd);
	if (p == MAP_FAILED) {
		clm_error_set(err, CLM_EIO, path, 0, "cannot map index: %s",
		    strerror(errno));
		return NULL;
	}
	cs = clm_xcalloc(1, sizeof(*cs));
	cs->base = p;
	cs->size = (size_t)st.st_size;
	cs->mapped = 1;
	snprintf(cs->path, sizeof(cs->path), "%s", path);
	return finish_open(cs, err);
}

struct clm_codeset *
clm_codeset_open_mem(const void *buf, size_t len, const char *name,
    struct clm_error *err)
{
	struct clm_codeset *cs = clm_xcalloc(1, sizeof(*cs));
	void *copy = clm_xmalloc(len ? len : 1);

	if (len > 0)
		memcpy(copy, buf, len);
	cs->base = copy;
	cs->size = len;
	snprintf(cs->path, sizeof(cs->path), "%s", name ? name : "<memory>");
	return finish_open(cs, err);
}

void
clm_codeset_close(struct clm_codeset *cs)
{
	if (cs == NULL)
		return;
	if (cs->mapped)
		munmap((void *)cs->base, cs->size);
	else
		free((void *)cs->base);
	free(cs);
}

const char *
clm_codeset_path(const struct clm_codeset *cs)
{
	return cs->path;
}

int
clm_codeset_verify(const struct clm_codeset *cs, struct clm_error *err)
{
	struct clm_idx_header h;
	size_t start;
	uLong crc = crc32(0L, Z_NULL, 0);

	memcpy(&h, cs->base, sizeof(h));
	start = sizeof(h) + h.nsections * sizeof(struct clm_idx_section);
	for (size_t off = start; off < cs->size; off += 1u << 30) {
		size_t n = cs->size - off < (1u << 30) ? cs->size - off : 1u << 30;

		crc = crc32(crc, cs->base + off, (uInt)n);
	}
	if ((uint32_t)crc != h.payload_crc)
		return fmt_err(cs, err, "payload checksum mismatch (damaged)");
	return 0;
}

static int
try_open(const char *path, struct clm_codeset **out, struct clm_error *err)
{
	if (access(path, F_OK) != 0)
		return 0;
	*out = clm_codeset_open(path, err);
	return 1;
}

struct clm_codeset *
clm_codeset_open_default(const char *explicit_path, struct clm_error *err)
{
	struct clm_codeset *cs = NULL;
	const char *env = getenv("CLM_CODESETS");
	char self[PATH_MAX], path[PATH_MAX + 64];
	ssize_t n;

	if (explicit_path != NULL)
		return clm_codeset_open(explicit_path, err);
	if (env != NULL && *env != '\0')
		return clm_codeset_open(env, err);
	/* Beside the executable first: a build tree, or PREFIX/bin next to
	 * PREFIX/share/clm, never picks up another installation's index. */
	n = readlink("/proc/self/exe", self, sizeof(self) - 1);
	if (n > 0) {
		char *slash;

		self[n] = '\0';
		slash = strrchr(self, '/');
		if (slash != NULL) {
			*slash = '\0';
			snprintf(path, sizeof(path),
			    "%s/../share/clm/codesets.clmidx", self);
			if (try_open(path, &cs, err))
				return cs;
		}
	}
	if (try_open(CLM_DATADIR "/codesets.clmidx", &cs, err))
		return cs;
	clm_error_set(err, CLM_EIO, "", 0, "no code-set index: use "
	    "--codesets FILE, set CLM_CODESETS, or install one as "
	    "%s/codesets.clmidx", CLM_DATADIR);
	return NULL;
}

/* ---- names and keys ---- */

static const char *const sys_names[] = {
	"ICD-10-CM", "HCPCS", "CPT", "modifier", "POS", "taxonomy", "CARC",
	"RARC", "claim status category", "claim status"
};

const char *
clm_code_system_name(enum clm_code_system sys)
{
	if ((unsigned)sys >= sizeof(sys_names) / sizeof(sys_names[0]))
		return "?";
	return sys_names[sys];
}

int
clm_code_system_parse(const char *name)
{
	static const char *const alias[] = {
		"icd10cm", "hcpcs", "cpt", "modifiers", "pos", "nucc", "carc",
		"rarc", "csc", "css"
	};

	for (int i = 0; i < (int)(sizeof(alias) / sizeof(alias[0])); i++)
		if (strcasecmp(name, sys_names[i]) == 0 ||
		    strcasecmp(name, alias[i]) == 0)
			return i;
	return -1;
}

int
clm_code_key(const char *code, char *key, size_t size)
{
	size_t n = 0;
	int dots = 0;

	while (*code == ' ')
		code++;
	for (; *code != '\0' && *code != ' '; code++) {
		unsigned char c = (unsigned char)*code;

		if (c == '.') {
			if (++dots > 1)
				return -1;
			continue;
		}
		if (!isalnum(c) || n + 1 >= size || n >= CLM_CODE_MAX)
			return -1;
		key[n++] = (char)toupper(c);
	}
	while (*code == ' ')
		code++;
	if (*code != '\0' || n == 0)
		return -1;
	key[n] = '\0';
	return (int)n;
}

void
clm_icd_format(const char *code, char *buf, size_t size)
{
	char key[16];
	int n = clm_code_key(code, key, sizeof(key));

	if (n < 0) {
		snprintf(buf, size, "%s", code);
		return;
	}
	if (n > 3)
		snprintf(buf, size, "%.3s.%s", key, key + 3);
	else
		snprintf(buf, size, "%s", key);
}

int
clm_cpt_form_ok(const char *code)
{
	if (strlen(code) != 5)
		return 0;
	for (int i = 0; i < 4; i++)
		if (!isdigit((unsigned char)code[i]))
			return 0;
	return isdigit((unsigned char)code[4]) || code[4] == 'F' ||
	    code[4] == 'T' || code[4] == 'U';
}

/* ---- releases ---- */

size_t
clm_codeset_release_count(const struct clm_codeset *cs)
{
	return cs->nrel;
}

static void
fill_release(const struct clm_codeset *cs, const struct clm_idx_release *r,
    struct clm_release *out)
{
	out->kind = (enum clm_release_kind)r->kind;
	out->sys = (enum clm_code_system)r->sys;
	out->name = str_at(cs, r->name);
	out->from = r->from;
	out->to = r->to;
	out->source = str_at(cs, r->source);
	out->count = r->count;
}

int
clm_codeset_release(const struct clm_codeset *cs, size_t i,
    struct clm_release *out)
{
	if (i >= cs->nrel)
		return 0;
	fill_release(cs, &cs->rel[i], out);
	return 1;
}

static int
covers(long from, long to, long date)
{
	return from <= date && (to == 0 || date <= to);
}

static int
rel_matches(const struct clm_idx_release *r, enum clm_release_kind kind,
    enum clm_code_system sys)
{
	return r->kind == kind && (kind != CLM_REL_CODES || r->sys == sys);
}

/* Index of the release in force on date; else -1. */
static long
release_on(const struct clm_codeset *cs, enum clm_release_kind kind,
    enum clm_code_system sys, long date)
{
	long best = -1;

	for (size_t i = 0; i < cs->nrel; i++)
		if (rel_matches(&cs->rel[i], kind, sys) &&
		    covers(cs->rel[i].from, cs->rel[i].to, date) &&
		    (best < 0 || cs->rel[i].from >= cs->rel[best].from))
			best = (long)i;
	return best;
}

/* The release in force on date, else the newest before it, else the
 * oldest: the one whose notes speak for the date. */
static long
release_near(const struct clm_codeset *cs, enum clm_release_kind kind,
    enum clm_code_system sys, long date)
{
	long best = release_on(cs, kind, sys, date), first = -1;

	for (size_t i = 0; best < 0 && i < cs->nrel; i++) {
		const struct clm_idx_release *r = &cs->rel[i];

		if (!rel_matches(r, kind, sys))
			continue;
		if (first < 0 || r->from < cs->rel[first].from)
			first = (long)i;
		if (r->from <= date)
			best = (long)i;
	}
	for (size_t i = 0; best >= 0 && i < cs->nrel; i++)
		if (rel_matches(&cs->rel[i], kind, sys) &&
		    cs->rel[i].from <= date &&
		    cs->rel[i].from > cs->rel[best].from)
			best = (long)i;
	return best >= 0 ? best : first;
}

int
clm_codeset_release_on(const struct clm_codeset *cs,
    enum clm_release_kind kind, enum clm_code_system sys, long date,
    struct clm_release *out)
{
	long i = release_on(cs, kind, sys, date);

	if (i < 0)
		return 0;
	fill_release(cs, &cs->rel[i], out);
	return 1;
}

int
clm_release_is_starter(const struct clm_release *r)
{
	const char *n = r->name != NULL ? r->name : "";

	for (; *n != '\0'; n++)
		if (strncasecmp(n, "starter", 7) == 0)
			return 1;
	return 0;
}

int
clm_codeset_is_starter(const struct clm_codeset *cs)
{
	struct clm_release r;

	for (size_t i = 0; i < cs->nrel; i++) {
		fill_release(cs, &cs->rel[i], &r);
		if (clm_release_is_starter(&r))
			return 1;
	}
	return 0;
}

/* The date a release starting on from is due to be replaced. */
static long
successor_due(enum clm_release_kind kind, enum clm_code_system sys,
    long from)
{
	long y = from / 10000, m = from / 100 % 100;

	if (kind == CLM_REL_TABULAR || kind == CLM_REL_MCE ||
	    (kind == CLM_REL_CODES && sys == CLM_SYS_ICD10CM))
		return (m >= 10 ? y + 1 : y) * 10000 + 1001;
	if (kind == CLM_REL_PTP || kind == CLM_REL_MUE ||
	    (kind == CLM_REL_CODES && sys == CLM_SYS_HCPCS)) {
		m = (m - 1) / 3 * 3 + 1 + 3;	/* the next quarter's month */
		if (m > 12) {
			m -= 12;
			y++;
		}
		return y * 10000 + m * 100 + 1;
	}
	return 0;			/* undated lists: never due */
}

int
clm_codeset_stale(const struct clm_codeset *cs,
    enum clm_release_kind kind, enum clm_code_system sys, long date,
    struct clm_release *out, long *due)
{
	long i = release_on(cs, kind, sys, date), d;

	if (i < 0) {
		/* none in force: the index ends before date */
		long last = -1;

		for (size_t k = 0; k < cs->nrel; k++)
			if (rel_matches(&cs->rel[k], kind, sys) &&
			    cs->rel[k].to != 0 && cs->rel[k].to < date &&
			    (last < 0 || cs->rel[k].to > cs->rel[last].to))
				last = (long)k;
		if (last < 0)
			return 0;
		fill_release(cs, &cs->rel[last], out);
		*due = clm_date_next(out->to);
		return 1;
	}
	if (cs->rel[i].to != 0 ||
	    (cs->rel[i].flags & CLM_IDX_REL_HAND_DATED))
		return 0;
	fill_release(cs, &cs->rel[i], out);
	if (clm_release_is_starter(out))
		return 0;
	d = successor_due(kind, sys, out->from);
	if (d == 0 || date < d)
		return 0;
	*due = d;
	return 1;
}

static const char *
release_name(const struct clm_codeset *cs, long i)
{
	return i >= 0 && (size_t)i < cs->nrel ? str_at(cs, cs->rel[i].name) :
	    "";
}

static size_t code_lower(const struct clm_codeset *cs, int sys,
    const char *key);

int
clm_codeset_has(const struct clm_codeset *cs, enum clm_code_system sys)
{
	size_t i = code_lower(cs, (int)sys, "");

	return i < cs->ncodes && cs->codes[i].sys == sys;
}

/* ---- codes ---- */

/* Compare a fixed NUL-padded field with a key. */
static int
fieldcmp(const char *field, size_t width, const char *key)
{
	return strncmp(field, key, width);
}

/* First code entry >= (sys, key). */
static size_t
code_lower(const struct clm_codeset *cs, int sys, const char *key)
{
	size_t lo = 0, hi = cs->ncodes;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const struct clm_idx_code *c = &cs->codes[mid];
		int d = c->sys != sys ? (c->sys < sys ? -1 : 1) :
		    fieldcmp(c->code, sizeof(c->code), key);

		if (d < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static const struct clm_idx_code *
find_code(const struct clm_codeset *cs, int sys, const char *key)
{
	size_t i = code_lower(cs, sys, key);

	if (i < cs->ncodes && cs->codes[i].sys == sys &&
	    fieldcmp(cs->codes[i].code, sizeof(cs->codes[i].code), key) == 0)
		return &cs->codes[i];
	return NULL;
}

/* The span deciding date: the one covering it, else the nearest before,
 * else the first.  NULL when the entry's spans are out of range. */
static const struct clm_idx_span *
pick_span(const struct clm_codeset *cs, const struct clm_idx_code *c,
    long date, int *covering)
{
	const struct clm_idx_span *best = NULL;

	*covering = 0;
	if (c->nspans == 0 || c->span > cs->nspans ||
	    c->nspans > cs->nspans - c->span)
		return NULL;
	for (uint32_t i = 0; i < c->nspans; i++) {
		const struct clm_idx_span *s = &cs->spans[c->span + i];

		if (covers(s->from, s->to, date)) {
			*covering = 1;
			return s;
		}
		if (s->from <= date || best == NULL)
			best = s;
	}
	return best;
}

enum clm_code_state
clm_codeset_lookup(const struct clm_codeset *cs, enum clm_code_system sys,
    const char *code, long date, struct clm_code_info *out)
{
	struct clm_code_info dummy;
	const struct clm_idx_code *c;
	const struct clm_idx_span *s = NULL;
	char key[16];
	int covering = 0;

	if (out == NULL)
		out = &dummy;
	memset(out, 0, sizeof(*out));
	out->desc = "";
	out->release = release_name(cs,
	    release_near(cs, CLM_REL_CODES, sys, date));
	if (clm_code_key(code, key, sizeof(key)) < 0 ||
	    (c = find_code(cs, (int)sys, key)) == NULL ||
	    (s = pick_span(cs, c, date, &covering)) == NULL)
		return out->state = CLM_CODE_UNKNOWN;
	out->valid_from = s->from;
	out->valid_to = s->to;
	out->desc = str_at(cs, s->desc);
	if (!covering)
		return out->state = CLM_CODE_NOT_EFFECTIVE;
	if (release_on(cs, CLM_REL_CODES, sys, date) < 0)
		out->release = release_name(cs, s->release);
	out->state = s->state == CLM_IDX_VALID ? CLM_CODE_VALID :
	    CLM_CODE_HEADER;
	return out->state;
}

int
clm_codeset_hcpcs_action(const struct clm_codeset *cs, const char *code,
    long date, long *action_date)
{
	const struct clm_idx_code *c;
	const struct clm_idx_span *s;
	char key[16];
	int covering;

	if (action_date != NULL)
		*action_date = 0;
	if (clm_code_key(code, key, sizeof(key)) < 0 ||
	    (c = find_code(cs, CLM_SYS_HCPCS, key)) == NULL ||
	    (s = pick_span(cs, c, date, &covering)) == NULL)
		return 0;
	if (action_date != NULL)
		*action_date = s->action_date;
	return (unsigned char)s->action;
}

size_t
clm_codeset_billable_below(const struct clm_codeset *cs,
    enum clm_code_system sys, const char *header, long date,
    const char **codes, size_t max)
{
	char key[16];
	size_t n = 0, len;
	int covering;

	if (clm_code_key(header, key, sizeof(key)) < 0)
		return 0;
	len = strlen(key);
	for (size_t i = code_lower(cs, (int)sys, key); i < cs->ncodes; i++) {
		const struct clm_idx_code *c = &cs->codes[i];
		const struct clm_idx_span *s;

		if (c->sys != sys || strncmp(c->code, key, len) != 0)
			break;
		if (c->code[len] == '\0' || c->code[sizeof(c->code) - 1])
			continue;
		s = pick_span(cs, c, date, &covering);
		if (s == NULL || !covering || s->state != CLM_IDX_VALID)
			continue;
		if (n < max)
			codes[n] = c->code;
		n++;
	}
	return n;
}

/* ---- ICD-10-CM tabular notes and MCE ---- */

/*
 * Binary search of a table sorted by (code, release) whose entries start
 * with char code[8] and hold a uint16_t release at rel_off (notes, MCE).
 */
static const void *
find_coded(const void *table, size_t n, size_t size, size_t rel_off,
    const char *key, long rel)
{
	const char *base = table;
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const char *e = base + mid * size;
		uint16_t r;
		int d = fieldcmp(e, 8, key);

		memcpy(&r, e + rel_off, sizeof(r));
		if (d == 0)
			d = r < rel ? -1 : r > rel;
		if (d == 0)
			return e;
		if (d < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/* The note entry for exactly key in release rel, or NULL. */
static const struct clm_idx_note *
find_note(const struct clm_codeset *cs, const char *key, long rel)
{
	return find_coded(cs->notes, cs->nnotes, sizeof(*cs->notes),
	    offsetof(struct clm_idx_note, release), key, rel);
}

/* Walk key and its ancestors (longest first) for a note with flag. */
static const struct clm_idx_note *
inherited_note(const struct clm_codeset *cs, const char *code, long date,
    unsigned flag, long *relp)
{
	char key[16];
	int n = clm_code_key(code, key, sizeof(key));
	long rel = release_near(cs, CLM_REL_TABULAR, CLM_SYS_ICD10CM, date);

	*relp = rel;
	if (n < 0 || rel < 0)
		return NULL;
	for (; n >= 3; n--) {
		const struct clm_idx_note *e;

		key[n] = '\0';
		e = find_note(cs, key, rel);
		if (e != NULL && (e->flags & flag))
			return e;
	}
	return NULL;
}

int
clm_codeset_icd_7th(const struct clm_codeset *cs, const char *code,
    long date, struct clm_icd_7th *out)
{
	long rel;
	const struct clm_idx_note *e = inherited_note(cs, code, date,
	    CLM_NOTE_SEVEN, &rel);

	if (e == NULL)
		return 0;
	out->defined_at = e->code[sizeof(e->code) - 1] ? "" : e->code;
	out->chars = str_at(cs, e->seven_chars);
	out->release = release_name(cs, rel);
	return 1;
}

const char *
clm_codeset_icd_7th_desc(const struct clm_codeset *cs,
    const struct clm_icd_7th *info, char c)
{
	const struct clm_idx_note *e;
	const char *p;
	size_t i;

	if (c == '\0' || (p = strchr(info->chars, c)) == NULL)
		return NULL;
	/* info->defined_at points into the note entry itself */
	e = (const struct clm_idx_note *)(const void *)info->defined_at;
	if ((const char *)e < (const char *)cs->notes ||
	    (const char *)e >= (const char *)(cs->notes + cs->nnotes))
		return NULL;
	i = (size_t)(p - info->chars);
	if (e->seven_desc >= cs->nsevdesc || i >= cs->nsevdesc - e->seven_desc)
		return "";
	return str_at(cs, cs->sevdesc[e->seven_desc + i]);
}

enum clm_icd_7th_problem
clm_icd_7th_check(const struct clm_icd_7th *info, const char *code)
{
	char key[16];
	int n = clm_code_key(code, key, sizeof(key));
	size_t base = strlen(info->defined_at);

	if (n < 7)
		return CLM_ICD7_MISSING;
	if (n > 7 || strchr(info->chars, key[6]) == NULL)
		return CLM_ICD7_BADCHAR;
	/* X is only a placeholder: never inside the defining code itself */
	for (size_t i = 1; i < base && i < 6; i++)
		if (key[i] == 'X')
			return CLM_ICD7_PLACEHOLDER;
	return CLM_ICD7_OK;
}

int
clm_icd_7th_pad(const char *stem, char seventh, char *buf, size_t size)
{
	char key[16];
	int n = clm_code_key(stem, key, sizeof(key));

	if (n < 3 || n > 6 || size < 8 || !isalnum((unsigned char)seventh))
		return -1;
	while (n < 6)
		key[n++] = 'X';
	key[n++] = (char)toupper((unsigned char)seventh);
	key[n] = '\0';
	memcpy(buf, key, (size_t)n + 1);
	return n;
}

/* Does key fall in the excluded range [lo, hi] (hi also as a prefix)? */
static int
in_range(const struct clm_idx_excl *e, const char *key)
{
	char lo[9], hi[9];

	memcpy(lo, e->lo, 8);
	lo[8] = '\0';
	memcpy(hi, e->hi, 8);
	hi[8] = '\0';
	if (strncmp(key, lo, strlen(lo)) < 0 && strcmp(key, lo) < 0)
		return 0;
	return strcmp(key, hi) <= 0 || strncmp(key, hi, strlen(hi)) == 0;
}

static size_t
excl_lower(const struct clm_codeset *cs, const char *key, long rel)
{
	size_t lo = 0, hi = cs->nexcl;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const struct clm_idx_excl *e = &cs->excl[mid];
		int d = fieldcmp(e->at, sizeof(e->at), key);

		if (d == 0)
			d = e->release < rel ? -1 : (e->release > rel ? 1 : 0);
		if (d < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* A note at a or an ancestor of a excluding b. */
static const struct clm_idx_excl *
excl_one(const struct clm_codeset *cs, const char *a, const char *b,
    long rel)
{
	char key[16];
	int n = (int)strlen(a);

	memcpy(key, a, (size_t)n + 1);
	for (; n >= 3; n--) {
		key[n] = '\0';
		for (size_t i = excl_lower(cs, key, rel); i < cs->nexcl; i++) {
			const struct clm_idx_excl *e = &cs->excl[i];

			if (fieldcmp(e->at, sizeof(e->at), key) != 0 ||
			    e->release != rel)
				break;
			if (in_range(e, b))
				return e;
		}
	}
	return NULL;
}

int
clm_codeset_excludes1(const struct clm_codeset *cs, const char *a,
    const char *b, long date, struct clm_excludes1 *out)
{
	char ka[16], kb[16];
	long rel = release_near(cs, CLM_REL_TABULAR, CLM_SYS_ICD10CM, date);
	const struct clm_idx_excl *e;
	int reversed = 0;

	if (rel < 0 || clm_code_key(a, ka, sizeof(ka)) < 0 ||
	    clm_code_key(b, kb, sizeof(kb)) < 0)
		return 0;
	e = excl_one(cs, ka, kb, rel);
	if (e == NULL) {
		e = excl_one(cs, kb, ka, rel);
		reversed = 1;
	}
	if (e == NULL)
		return 0;
	if (out != NULL) {
		/* fixed fields may fill all 8 bytes only on a damaged file */
		out->at = e->at[7] ? "" : e->at;
		out->lo = e->lo[7] ? "" : e->lo;
		out->hi = e->hi[7] ? "" : e->hi;
		out->note = str_at(cs, e->note);
		out->release = release_name(cs, rel);
		out->reversed = reversed;
	}
	return 1;
}

static const struct clm_idx_mce *
find_mce(const struct clm_codeset *cs, const char *key, long rel)
{
	return find_coded(cs->mce, cs->nmce, sizeof(*cs->mce),
	    offsetof(struct clm_idx_mce, release), key, rel);
}

unsigned
clm_codeset_icd_attr(const struct clm_codeset *cs, const char *code,
    long date, struct clm_icd_attr *out)
{
	struct clm_icd_attr dummy;
	const struct clm_idx_note *e;
	const struct clm_idx_mce *m;
	char key[16];
	long trel, mrel;

	if (out == NULL)
		out = &dummy;
	memset(out, 0, sizeof(*out));
	out->code_first_note = out->tabular_release = out->mce_release = "";
	e = inherited_note(cs, code, date, CLM_NOTE_CODE_FIRST, &trel);
	if (e != NULL) {
		out->flags |= CLM_ICD_CODE_FIRST;
		out->code_first_note = str_at(cs, e->code_first);
		out->tabular_release = release_name(cs, trel);
	}
	mrel = release_near(cs, CLM_REL_MCE, CLM_SYS_ICD10CM, date);
	if (mrel >= 0 && clm_code_key(code, key, sizeof(key)) >= 0 &&
	    (m = find_mce(cs, key, mrel)) != NULL) {
		out->flags |= m->flags & ~(unsigned)CLM_ICD_CODE_FIRST;
		out->mce_release = release_name(cs, mrel);
	}
	return out->flags;
}

int
clm_icd_age_ok(unsigned flags, int age)
{
	if ((flags & CLM_ICD_AGE_NEWBORN) && age != 0)
		return 0;
	if ((flags & CLM_ICD_AGE_PEDIATRIC) && (age < 0 || age > 17))
		return 0;
	if ((flags & CLM_ICD_AGE_MATERNITY) && (age < 12 || age > 55))
		return 0;
	if ((flags & CLM_ICD_AGE_ADULT) && (age < 15 || age > 124))
		return 0;
	return 1;
}

/* ---- NCCI ---- */

static int
ptp_cmp(const struct clm_idx_ptp *e, const char *c1, const char *c2)
{
	int d = fieldcmp(e->c1, sizeof(e->c1), c1);

	return d != 0 ? d : fieldcmp(e->c2, sizeof(e->c2), c2);
}

int
clm_codeset_ptp(const struct clm_codeset *cs, const char *col1,
    const char *col2, long date, struct clm_ptp *out)
{
	char k1[16], k2[16];
	size_t lo = 0, hi = cs->nptp;

	if (clm_code_key(col1, k1, sizeof(k1)) < 0 ||
	    clm_code_key(col2, k2, sizeof(k2)) < 0)
		return 0;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (ptp_cmp(&cs->ptp[mid], k1, k2) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < cs->nptp && ptp_cmp(&cs->ptp[lo], k1, k2) == 0; lo++) {
		const struct clm_idx_ptp *e = &cs->ptp[lo];

		if (covers(e->eff, e->del, date)) {
			out->eff = e->eff;
			out->del = e->del;
			out->modifier_ind = e->mi;
			return 1;
		}
	}
	return 0;
}

int
clm_codeset_mue(const struct clm_codeset *cs, const char *code, long date,
    struct clm_mue *out)
{
	char key[16];
	size_t lo = 0, hi = cs->nmue;

	if (clm_code_key(code, key, sizeof(key)) < 0)
		return 0;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (fieldcmp(cs->mue[mid].code, 8, key) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < cs->nmue && fieldcmp(cs->mue[lo].code, 8, key) == 0;
	    lo++) {
		const struct clm_idx_mue *e = &cs->mue[lo];

		if (covers(e->eff, e->del, date)) {
			out->value = e->value;
			out->mai = e->mai;
			out->eff = e->eff;
			out->del = e->del;
			return 1;
		}
	}
	return 0;
}
