/*
 * clm_codeset_build - the builder's model (string pool, releases, code
 * observations, note tables), source dispatch and the index writer, which
 * merges per-release observations into per-code validity spans.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <zlib.h>

#include "clm_codeset_int.h"

/* ---- dates ---- */

/* ---- storage ---- */

void *
clm_csb_grow(void *vec, size_t elsize)
{
	struct { void *v; size_t n, cap; } *g = vec;

	if (g->n == g->cap) {
		g->cap = g->cap ? g->cap * 2 : 64;
		g->v = clm_xrealloc(g->v, g->cap * elsize);
	}
	memset((char *)g->v + g->n * elsize, 0, elsize);
	return (char *)g->v + g->n++ * elsize;
}

int
clm_csb_limit(struct clm_error *err, const char *src)
{
	return clm_error_set(err, CLM_ELIMIT, src, 0,
	    "more than %d entries: not a code-set source of a sane size",
	    CLM_CSB_MAX_ENTRIES);
}

static uint32_t
hash_bytes(const char *s, size_t len)
{
	uint32_t h = 2166136261u;

	for (size_t i = 0; i < len; i++)
		h = (h ^ (unsigned char)s[i]) * 16777619u;
	return h;
}

static void
pool_rehash(struct clm_csb *b)
{
	size_t cap = b->caphash ? b->caphash * 2 : 1024;
	uint32_t *h = clm_xcalloc(cap, sizeof(*h));

	for (size_t i = 0; i < b->caphash; i++) {
		uint32_t off = b->hash[i];
		size_t j;

		if (off == 0)
			continue;
		j = hash_bytes(b->pool + off, strlen(b->pool + off)) &
		    (cap - 1);
		while (h[j] != 0)
			j = (j + 1) & (cap - 1);
		h[j] = off;
	}
	free(b->hash);
	b->hash = h;
	b->caphash = cap;
}

uint32_t
clm_csb_str(struct clm_csb *b, const char *s, size_t len)
{
	size_t j;

	while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t'))
		len--;
	if (len == 0 || memchr(s, '\0', len) != NULL)
		return 0;
	if ((b->nhash + 1) * 2 > b->caphash)
		pool_rehash(b);
	j = hash_bytes(s, len) & (b->caphash - 1);
	for (; b->hash[j] != 0; j = (j + 1) & (b->caphash - 1)) {
		const char *p = b->pool + b->hash[j];

		if (strncmp(p, s, len) == 0 && p[len] == '\0')
			return b->hash[j];
	}
	if (b->npool + len + 1 > (size_t)CLM_CSB_MAX_STRINGS) {
		b->pool_full = 1;	/* reported by clm_csb_image */
		return 0;
	}
	while (b->npool + len + 1 > b->cappool) {
		b->cappool *= 2;
		b->pool = clm_xrealloc(b->pool, b->cappool);
	}
	memcpy(b->pool + b->npool, s, len);
	b->pool[b->npool + len] = '\0';
	b->hash[j] = (uint32_t)b->npool;
	b->nhash++;
	b->npool += len + 1;
	return b->hash[j];
}

struct clm_csb *
clm_csb_new(void)
{
	struct clm_csb *b = clm_xcalloc(1, sizeof(*b));

	b->cappool = 1 << 16;
	b->pool = clm_xmalloc(b->cappool);
	b->pool[0] = '\0';
	b->npool = 1;
	b->icd_rel = -1;
	return b;
}

void
clm_csb_free(struct clm_csb *b)
{
	if (b == NULL)
		return;
	free(b->pool);
	free(b->hash);
	free(b->rel.v);
	free(b->obs.v);
	free(b->icd.v);
	free(b->notes.v);
	free(b->sevdesc.v);
	free(b->excl.v);
	free(b->mce.v);
	free(b->ptp.v);
	free(b->mue.v);
	free(b);
}

int
clm_csb_field(char *dst, size_t width, const char *key)
{
	size_t n = strlen(key);

	if (n >= width)
		return -1;
	memset(dst, 0, width);
	memcpy(dst, key, n);
	return 0;
}

/* ---- releases and observations ---- */

long
clm_csb_release(struct clm_csb *b, enum clm_release_kind kind,
    enum clm_code_system sys, const char *name, long from, long to,
    const char *source, struct clm_error *err)
{
	struct clm_csb_rel *r;

	if (b->rel.n >= CLM_CSB_MAX_RELEASES)
		return clm_error_set(err, CLM_ELIMIT, source, 0,
		    "more than %d releases", CLM_CSB_MAX_RELEASES);
	if (!clm_date_valid(from) || (to != 0 && (!clm_date_valid(to) || to < from)))
		return clm_error_set(err, CLM_EUSAGE, source, 0,
		    "release dates %ld..%ld are not a valid period", from, to);
	/* a newer release of the same thing ends the one before it */
	for (size_t i = 0; i < b->rel.n; i++) {
		struct clm_idx_release *p = &b->rel.v[i].r;

		if (p->kind == kind && (kind != CLM_REL_CODES || p->sys == sys)
		    && p->from < from && (p->to == 0 || p->to >= from))
			p->to = (int32_t)clm_date_prev(from);
	}
	r = clm_csb_grow(&b->rel, sizeof(*r));
	r->r.kind = (uint8_t)kind;
	r->r.sys = (uint8_t)sys;
	r->r.name = clm_csb_str(b, name, strlen(name));
	r->r.from = (int32_t)from;
	r->r.to = (int32_t)to;
	r->r.source = clm_csb_str(b, source, strlen(source));
	r->ptp_from = (uint32_t)b->ptp.n;
	r->mue_from = (uint32_t)b->mue.n;
	return (long)(b->rel.n - 1);
}

int
clm_csb_obs(struct clm_csb *b, long rel, int sys, const char *key, int state,
    uint32_t desc, long from, long to, struct clm_error *err,
    const char *src)
{
	struct clm_csb_obs *o;

	if (CSB_PUSH(b, b->obs, err, src) < 0)
		return -CLM_ELIMIT;
	o = &b->obs.v[b->obs.n - 1];
	if (clm_csb_field(o->code, sizeof(o->code), key) < 0) {
		b->obs.n--;
		return clm_error_set(err, CLM_EFORMAT, src, 0,
		    "code too long: %.20s", key);
	}
	o->sys = (uint8_t)sys;
	o->state = (uint8_t)state;
	o->rel = (uint16_t)rel;
	o->from = (int32_t)from;
	o->to = (int32_t)to;
	o->desc = desc;
	b->rel.v[rel].r.count++;
	return 0;
}

/* ---- sources ---- */

static const char *const kinds[] = {
	"icd10cm-order", "icd10cm-addenda", "icd10cm-tabular", "hcpcs", "mue",
	"ptp", "pos", "taxonomy", "mce", "icd10cm-list", "hcpcs-list",
	"cpt-list", "modifier-list", "pos-list", "taxonomy-list", "carc-list",
	"rarc-list", "csc-list", "css-list", NULL
};

int
clm_csb_kind_ok(const char *kind)
{
	for (int i = 0; kinds[i] != NULL; i++)
		if (strcmp(kind, kinds[i]) == 0)
			return 1;
	return 0;
}

static const char *
base_name(const char *path)
{
	const char *s = strrchr(path, '/');

	return s != NULL ? s + 1 : path;
}

/* Case-insensitive substring test. */
static int
has(const char *s, const char *sub)
{
	size_t n = strlen(sub);

	for (; *s != '\0'; s++)
		if (strncasecmp(s, sub, n) == 0)
			return 1;
	return 0;
}

const char *
clm_csb_detect(const char *path, const char *head, size_t len)
{
	const char *n = base_name(path);

	if (has(n, "order_addenda") || has(n, "order-addenda"))
		return "icd10cm-addenda";
	if (has(n, "icd10cm_order") || has(n, "icd10cm-order"))
		return "icd10cm-order";
	if (has(n, "tabular"))
		return "icd10cm-tabular";
	if (strncasecmp(n, "HCPC", 4) == 0)
		return "hcpcs";
	if (has(n, "mue"))
		return "mue";
	if (has(n, "ptp") || has(n, "ccipra"))
		return "ptp";
	if (has(n, "placeofservice"))
		return "pos";
	if (has(n, "taxonomy"))
		return "taxonomy";
	if (has(n, "mce"))
		return "mce";
	if (head != NULL) {
		char buf[512];

		snprintf(buf, sizeof(buf), "%.*s", (int)(len < 511 ? len : 511),
		    head);
		if (strstr(buf, "<ICD10CM.tabular") != NULL)
			return "icd10cm-tabular";
		if (strstr(buf, "<CodeSystem") != NULL)
			return "pos";
	}
	return NULL;
}

/* The first 4-digit year 1990-2099 in s, else 0. */
static long
year_in(const char *s)
{
	for (; *s != '\0'; s++)
		if ((strncmp(s, "19", 2) == 0 || strncmp(s, "20", 2) == 0) &&
		    isdigit((unsigned char)s[2]) &&
		    isdigit((unsigned char)s[3]) &&
		    !isdigit((unsigned char)s[4]))
			return strtol(s, NULL, 10);
	return 0;
}

/* Quarter start month from "JAN"/"APR"/"JUL"/"OCT" or "q1".."q4". */
static int
quarter_month(const char *s)
{
	static const char *const mon[] = { "jan", "apr", "jul", "oct" };
	static const char *const q[] = { "q1", "q2", "q3", "q4" };

	for (int i = 0; i < 4; i++)
		if (has(s, mon[i]) || has(s, q[i]))
			return 1 + 3 * i;
	return 0;
}

struct clm_csb_defaults {
	enum clm_release_kind kind;
	enum clm_code_system sys;
	long from, to;
	char name[128];
};

static int
fiscal_defaults(const char *n, const char *what, long y,
    struct clm_csb_defaults *d)
{
	if (y == 0)
		return -1;
	d->from = (y - 1) * 10000 + 1001;
	d->to = y * 10000 + 930;
	if (has(n, "april")) {
		d->from = y * 10000 + 401;
		snprintf(d->name, sizeof(d->name), "%s FY%ld April update",
		    what, y);
	} else
		snprintf(d->name, sizeof(d->name), "%s FY%ld", what, y);
	return 0;
}

static int
quarter_defaults(const char *n, const char *what, long y,
    struct clm_csb_defaults *d)
{
	int m = quarter_month(n);

	if (y == 0 || m == 0)
		return -1;
	d->from = y * 10000 + m * 100 + 1;
	d->to = 0;
	snprintf(d->name, sizeof(d->name), "%s %ld Q%d", what, y, 1 + m / 3);
	return 0;
}

/* "Eff_04-01-2026": the MUE effective date. */
static int
mue_defaults(const char *n, struct clm_csb_defaults *d)
{
	const char *p = strstr(n, "Eff_");
	int m, day, y;

	if (p == NULL || sscanf(p + 4, "%2d-%2d-%4d", &m, &day, &y) != 3)
		return quarter_defaults(n, "NCCI MUE", year_in(n), d);
	d->from = y * 10000L + m * 100 + day;
	d->to = 0;
	snprintf(d->name, sizeof(d->name), "NCCI MUE %d Q%d", y, 1 + (m - 1) / 3);
	return 0;
}

static int
misc_defaults(const char *kind, const char *n, struct clm_csb_defaults *d)
{
	const char *v;

	d->from = 19000101;
	d->to = 0;
	if (strcmp(kind, "pos") == 0) {
		d->sys = CLM_SYS_POS;
		snprintf(d->name, sizeof(d->name), "CMS place of service");
	} else if (strcmp(kind, "taxonomy") == 0) {
		d->sys = CLM_SYS_TAXONOMY;
		v = strpbrk(n, "0123456789");
		if (v != NULL && isdigit((unsigned char)v[1]) &&
		    isdigit((unsigned char)v[2]))
			snprintf(d->name, sizeof(d->name),
			    "NUCC taxonomy %.2s.%c", v, v[2]);
		else
			snprintf(d->name, sizeof(d->name), "NUCC taxonomy");
	} else if (strcmp(kind, "mce") == 0) {
		long ver = (v = strstr(n, "v")) != NULL ? strtol(v + 1, NULL,
		    10) : 0;

		d->kind = CLM_REL_MCE;
		if (ver <= 0)
			return -1;
		/* MCE version N is fiscal year 1983 + N (v37 = FY2020) */
		d->from = (1982 + ver) * 10000 + 1001;
		d->to = (1983 + ver) * 10000 + 930;
		snprintf(d->name, sizeof(d->name), "MCE v%ld (FY%ld)", ver,
		    1983 + ver);
	} else {
		char sys[32];
		int s;

		snprintf(sys, sizeof(sys), "%.*s", (int)(strchr(kind, '-') -
		    kind), kind);
		s = clm_code_system_parse(sys);
		d->sys = (enum clm_code_system)(s < 0 ? 0 : s);
		snprintf(d->name, sizeof(d->name), "%s list %s",
		    clm_code_system_name(d->sys), n);
	}
	return 0;
}

static int
release_defaults(const char *kind, const char *path, struct clm_csb_defaults *d)
{
	const char *n = base_name(path);
	long y = year_in(n);

	memset(d, 0, sizeof(*d));
	d->kind = CLM_REL_CODES;
	d->sys = CLM_SYS_ICD10CM;
	if (strcmp(kind, "icd10cm-order") == 0 ||
	    strcmp(kind, "icd10cm-addenda") == 0)
		return fiscal_defaults(n, "ICD-10-CM", y, d);
	if (strcmp(kind, "icd10cm-tabular") == 0) {
		d->kind = CLM_REL_TABULAR;
		return fiscal_defaults(n, "ICD-10-CM tabular", y, d);
	}
	if (strcmp(kind, "hcpcs") == 0) {
		d->sys = CLM_SYS_HCPCS;
		return quarter_defaults(n, "HCPCS", y, d);
	}
	if (strcmp(kind, "ptp") == 0) {
		d->kind = CLM_REL_PTP;
		return quarter_defaults(n, "NCCI PTP", y, d);
	}
	if (strcmp(kind, "mue") == 0) {
		d->kind = CLM_REL_MUE;
		return mue_defaults(n, d);
	}
	return misc_defaults(kind, n, d);
}

static int
dispatch(struct clm_csb_ctx *c, const char *kind, struct clm_csb_src *s,
    struct clm_error *err)
{
	if (strcmp(kind, "icd10cm-order") == 0)
		return clm_csb_read_order(c, s, err);
	if (strcmp(kind, "icd10cm-addenda") == 0)
		return clm_csb_read_addenda(c, s, err);
	if (strcmp(kind, "icd10cm-tabular") == 0)
		return clm_csb_read_tabular(c, s, err);
	if (strcmp(kind, "hcpcs") == 0)
		return clm_csb_read_hcpcs(c, s, err);
	if (strcmp(kind, "mue") == 0)
		return clm_csb_read_mue(c, s, err);
	if (strcmp(kind, "ptp") == 0)
		return clm_csb_read_ptp(c, s, err);
	if (strcmp(kind, "pos") == 0)
		return clm_csb_read_pos_xml(c, s, err);
	if (strcmp(kind, "taxonomy") == 0)
		return clm_csb_read_taxonomy(c, s, err);
	if (strcmp(kind, "mce") == 0)
		return clm_csb_read_mce(c, s, err);
	{
		struct clm_csb_defaults d;

		misc_defaults(kind, "", &d);
		return clm_csb_read_list(c, s, (int)d.sys, err);
	}
}

static int
add_src(struct clm_csb *b, const char *kind, struct clm_csb_src *s,
    const char *path, long from, long to, const char *name,
    struct clm_error *err)
{
	struct clm_csb_defaults d;
	struct clm_csb_ctx c;

	if (!clm_csb_kind_ok(kind))
		return clm_error_set(err, CLM_EUSAGE, path, 0,
		    "unknown source kind '%s'", kind);
	if (release_defaults(kind, path, &d) < 0 && from == 0)
		return clm_error_set(err, CLM_EUSAGE, path, 0,
		    "cannot tell the dates of this %s release from its "
		    "name: give them in a manifest", kind);
	if (from != 0) {
		d.from = from;
		d.to = to;
	}
	if (d.name[0] == '\0')
		snprintf(d.name, sizeof(d.name), "%s %s", kind, base_name(path));
	c.b = b;
	c.src = path;
	c.from = d.from;
	c.to = d.to;
	c.rel = clm_csb_release(b, d.kind, d.sys, name ? name : d.name, d.from,
	    d.to, base_name(path), err);
	if (c.rel < 0)
		return (int)c.rel;
	if (strstr(kind, "-list") != NULL)
		b->rel.v[c.rel].r.flags |= CLM_IDX_REL_HAND_DATED;
	return dispatch(&c, kind, s, err);
}

int
clm_csb_add(struct clm_csb *b, const char *kind, const char *path,
    long from, long to, const char *name, struct clm_error *err)
{
	struct clm_csb_src *s = clm_xcalloc(1, sizeof(*s));
	int rc;

	s->name = path;
	s->in = clm_in_open(path, err);
	if (s->in == NULL) {
		free(s);
		return -CLM_EIO;
	}
	if (kind == NULL) {
		const void *head = NULL;
		long n = clm_in_peek(s->in, &head, 512, err);

		kind = clm_csb_detect(path, head, n > 0 ? (size_t)n : 0);
		if (kind == NULL) {
			clm_in_close(s->in);
			free(s);
			return clm_error_set(err, CLM_EUSAGE, path, 0,
			    "cannot tell what kind of code-set source this "
			    "is: name it as KIND=PATH or in a manifest");
		}
	}
	rc = add_src(b, kind, s, path, from, to, name, err);
	clm_in_close(s->in);
	free(s);
	return rc;
}

int
clm_csb_add_mem(struct clm_csb *b, const char *kind, const char *data,
    size_t len, const char *srcname, long from, long to, const char *name,
    struct clm_error *err)
{
	struct clm_csb_src *s = clm_xcalloc(1, sizeof(*s));
	int rc;

	s->name = srcname;
	s->mem = data;
	s->memlen = len;
	rc = add_src(b, kind, s, srcname, from, to, name, err);
	free(s);
	return rc;
}

/* ---- manifest ---- */

/* Next blank-separated token of *p, NUL-terminated in place. */
static char *
token(char **p)
{
	char *s = *p, *t;

	while (*s == ' ' || *s == '\t')
		s++;
	if (*s == '\0')
		return NULL;
	t = s;
	while (*s != '\0' && *s != ' ' && *s != '\t')
		s++;
	if (*s != '\0')
		*s++ = '\0';
	*p = s;
	return t;
}

static int
manifest_date(const char *tok, long *out, const char *path, long line,
    struct clm_error *err)
{
	char *end;

	*out = 0;
	if (tok == NULL || strcmp(tok, "-") == 0)
		return 0;
	*out = strtol(tok, &end, 10);
	if (*end != '\0' || !clm_date_valid(*out))
		return clm_error_set(err, CLM_EFORMAT, path, line,
		    "'%.20s' is not a date (CCYYMMDD or -)", tok);
	return 0;
}

static int
manifest_line(struct clm_csb *b, char *line, const char *dir,
    const char *path, long lineno, struct clm_error *err)
{
	char *p = line, *kind, *file, full[4096], *name;
	long from, to;
	int rc;

	if ((kind = token(&p)) == NULL || *kind == '#')
		return 0;
	if ((file = token(&p)) == NULL)
		return clm_error_set(err, CLM_EFORMAT, path, lineno,
		    "expected KIND PATH [FROM [TO [NAME]]]");
	if (!clm_csb_kind_ok(kind))
		return clm_error_set(err, CLM_EFORMAT, path, lineno,
		    "unknown source kind '%.40s'", kind);
	if (manifest_date(token(&p), &from, path, lineno, err) < 0 ||
	    manifest_date(token(&p), &to, path, lineno, err) < 0)
		return -CLM_EFORMAT;
	while (*p == ' ' || *p == '\t')
		p++;
	name = *p != '\0' ? p : NULL;
	if (file[0] == '/')
		snprintf(full, sizeof(full), "%s", file);
	else
		snprintf(full, sizeof(full), "%s%s", dir, file);
	rc = clm_csb_add(b, kind, full, from, to, name, err);
	if (rc < 0 && err != NULL && err->line == 0 &&
	    strcmp(err->file, full) != 0) {
		err->line = lineno;	/* point at the manifest line */
		snprintf(err->file, sizeof(err->file), "%s", path);
	}
	return rc;
}

int
clm_csb_manifest(struct clm_csb *b, const char *path, struct clm_error *err)
{
	struct clm_csb_src *s = clm_xcalloc(1, sizeof(*s));
	char dir[4096];
	const char *slash = strrchr(path, '/');
	size_t len;
	int rc = 0, got;

	snprintf(dir, sizeof(dir), "%.*s", slash ? (int)(slash - path + 1) :
	    0, path);
	s->name = path;
	s->in = clm_in_open(path, err);
	if (s->in == NULL) {
		free(s);
		return -CLM_EIO;
	}
	while ((got = clm_csb_line(s, &len, err)) > 0) {
		rc = manifest_line(b, s->line, dir, path, s->lineno, err);
		if (rc < 0)
			break;
	}
	if (got < 0)
		rc = got;
	clm_in_close(s->in);
	free(s);
	return rc;
}

/* ---- writer ---- */

static int
obs_cmp(const void *pa, const void *pb)
{
	const struct clm_csb_obs *a = pa, *b = pb;
	int d = a->sys - b->sys;

	if (d == 0)
		d = strncmp(a->code, b->code, sizeof(a->code));
	if (d == 0)
		d = a->from < b->from ? -1 : a->from > b->from;
	if (d == 0)
		d = a->rel - b->rel;
	return d;
}

static int
note_cmp(const void *pa, const void *pb)
{
	const struct clm_idx_note *a = pa, *b = pb;
	int d = strncmp(a->code, b->code, sizeof(a->code));

	return d != 0 ? d : a->release - b->release;
}

static int
excl_cmp(const void *pa, const void *pb)
{
	const struct clm_idx_excl *a = pa, *b = pb;
	int d = strncmp(a->at, b->at, sizeof(a->at));

	if (d == 0)
		d = a->release - b->release;
	return d != 0 ? d : strncmp(a->lo, b->lo, sizeof(a->lo));
}

static int
mce_cmp(const void *pa, const void *pb)
{
	const struct clm_idx_mce *a = pa, *b = pb;
	int d = strncmp(a->code, b->code, sizeof(a->code));

	return d != 0 ? d : a->release - b->release;
}

static int
ptp_cmp(const void *pa, const void *pb)
{
	const struct clm_idx_ptp *a = pa, *b = pb;
	int d = strncmp(a->c1, b->c1, 8);

	if (d == 0)
		d = strncmp(a->c2, b->c2, 8);
	return d != 0 ? d : (a->eff < b->eff ? -1 : a->eff > b->eff);
}

static int
mue_cmp(const void *pa, const void *pb)
{
	const struct clm_idx_mue *a = pa, *b = pb;
	int d = strncmp(a->code, b->code, 8);

	return d != 0 ? d : (a->eff < b->eff ? -1 : a->eff > b->eff);
}

/* qsort, but an empty (possibly NULL) table is fine. */
static void
sort(void *v, size_t n, size_t size, int (*cmp)(const void *, const void *))
{
	if (n > 1)
		qsort(v, n, size, cmp);
}

/* Rows without their own dates hold -(release + 1) in del. */
static void
resolve_row_dates(const struct clm_csb *b, int32_t *eff, int32_t *del)
{
	if (*del < 0) {
		const struct clm_idx_release *r = &b->rel.v[-*del - 1].r;

		*eff = r->from;
		*del = r->to;
	}
}

struct clm_csb_out {
	CSB_VEC(struct clm_idx_code) codes;
	CSB_VEC(struct clm_idx_span) spans;
};

static int
same_attrs(const struct clm_idx_span *s, const struct clm_csb_obs *o)
{
	return s->state == o->state && s->desc == o->desc &&
	    s->action == o->action;
}

/* Fold observation o into the spans of the current code. */
static void
merge_obs(struct clm_csb_out *w, size_t first, const struct clm_csb_obs *o)
{
	struct clm_idx_span *last = w->spans.n > first ?
	    &w->spans.v[w->spans.n - 1] : NULL, *s;

	if (last != NULL && same_attrs(last, o) && (last->to == 0 ||
	    o->from <= clm_date_next(last->to))) {
		if (last->to != 0 && (o->to == 0 || o->to > last->to))
			last->to = o->to;
		last->release = o->rel;
		return;
	}
	if (last != NULL && (last->to == 0 || o->from <= last->to)) {
		last->to = (int32_t)clm_date_prev(o->from);
		if (last->to < last->from)
			w->spans.n--;
	}
	s = clm_csb_grow(&w->spans, sizeof(*s));
	s->from = o->from;
	s->to = o->to;
	s->desc = o->desc;
	s->release = o->rel;
	s->state = o->state;
	s->action = o->action;
	s->action_date = o->action_date;
}

static int
build_codes(struct clm_csb *b, struct clm_csb_out *w, struct clm_error *err)
{
	for (size_t i = 0; i < b->obs.n; i++) {
		struct clm_csb_obs *o = &b->obs.v[i];

		if (o->from == 0) {
			o->from = b->rel.v[o->rel].r.from;
			o->to = b->rel.v[o->rel].r.to;
		}
	}
	sort(b->obs.v, b->obs.n, sizeof(*b->obs.v), obs_cmp);
	for (size_t i = 0; i < b->obs.n;) {
		struct clm_idx_code *c = clm_csb_grow(&w->codes, sizeof(*c));
		size_t j = i, first = w->spans.n;

		memcpy(c->code, b->obs.v[i].code, sizeof(c->code));
		c->sys = b->obs.v[i].sys;
		for (; j < b->obs.n && b->obs.v[j].sys == c->sys &&
		    strncmp(b->obs.v[j].code,
		    c->code, sizeof(c->code)) == 0; j++)
			merge_obs(w, first, &b->obs.v[j]);
		if (w->spans.n - first > UINT16_MAX)
			return clm_error_set(err, CLM_ELIMIT, "", 0,
			    "code %.12s has more than %d validity spans",
			    c->code, UINT16_MAX);
		c->span = (uint32_t)first;
		c->nspans = (uint16_t)(w->spans.n - first);
		if (c->nspans == 0)
			w->codes.n--;
		i = j;
	}
	return 0;
}

struct clm_csb_sec {
	uint32_t id;
	const void *data;
	size_t entsize, count;
};

static size_t
align8(size_t n)
{
	return (n + 7) & ~(size_t)7;
}

static unsigned char *
lay_out(const struct clm_csb_sec *sec, int nsec, size_t *len)
{
	struct clm_idx_header h;
	size_t off = sizeof(h) + (size_t)nsec * sizeof(struct clm_idx_section);
	unsigned char *img;
	uLong crc;

	off = align8(off);
	for (int i = 0; i < nsec; i++)
		off = align8(off + sec[i].entsize * sec[i].count);
	img = clm_xcalloc(1, off);
	memset(&h, 0, sizeof(h));
	memcpy(h.magic, CLM_IDX_MAGIC, 8);
	h.version = CLM_IDX_VERSION;
	h.byteorder = CLM_IDX_BOM;
	h.file_size = off;
	h.nsections = (uint32_t)nsec;
	off = align8(sizeof(h) + (size_t)nsec * sizeof(struct clm_idx_section));
	for (int i = 0; i < nsec; i++) {
		struct clm_idx_section s = { sec[i].id, (uint32_t)sec[i].entsize,
			off, sec[i].count };

		memcpy(img + sizeof(h) + i * sizeof(s), &s, sizeof(s));
		if (sec[i].count > 0)
			memcpy(img + off, sec[i].data, sec[i].entsize *
			    sec[i].count);
		off = align8(off + sec[i].entsize * sec[i].count);
	}
	{
		size_t start = sizeof(h) + (size_t)nsec *
		    sizeof(struct clm_idx_section);

		crc = crc32(0L, img + start, (uInt)(off - start));
		h.payload_crc = (uint32_t)crc;
		memcpy(img, &h, sizeof(h));
		crc = crc32(0L, img, (uInt)start);
		h.head_crc = (uint32_t)crc;
		memcpy(img, &h, sizeof(h));
	}
	*len = off;
	return img;
}

static void
finish_rows(struct clm_csb *b)
{
	for (size_t i = 0; i < b->ptp.n; i++)
		resolve_row_dates(b, &b->ptp.v[i].eff, &b->ptp.v[i].del);
	for (size_t i = 0; i < b->mue.n; i++)
		resolve_row_dates(b, &b->mue.v[i].eff, &b->mue.v[i].del);
	sort(b->notes.v, b->notes.n, sizeof(*b->notes.v), note_cmp);
	sort(b->excl.v, b->excl.n, sizeof(*b->excl.v), excl_cmp);
	sort(b->mce.v, b->mce.n, sizeof(*b->mce.v), mce_cmp);
	/* one entry per code and release, flags of every list it is in */
	for (size_t i = 0, k = 0; i < b->mce.n; i++) {
		if (k > 0 && mce_cmp(&b->mce.v[k - 1], &b->mce.v[i]) == 0)
			b->mce.v[k - 1].flags |= b->mce.v[i].flags;
		else
			b->mce.v[k++] = b->mce.v[i];
		if (i + 1 == b->mce.n)
			b->mce.n = k;
	}
	sort(b->ptp.v, b->ptp.n, sizeof(*b->ptp.v), ptp_cmp);
	sort(b->mue.v, b->mue.n, sizeof(*b->mue.v), mue_cmp);
}

int
clm_csb_image(struct clm_csb *b, unsigned char **buf, size_t *len,
    struct clm_error *err)
{
	struct clm_csb_out w;
	struct clm_idx_release *rel;
	int rc;

	memset(&w, 0, sizeof(w));
	if (b->pool_full)
		return clm_error_set(err, CLM_ELIMIT, "", 0,
		    "descriptions exceed %ld bytes: not a code-set source of a "
		    "sane size", CLM_CSB_MAX_STRINGS);
	if ((rc = build_codes(b, &w, err)) < 0) {
		free(w.codes.v);
		free(w.spans.v);
		return rc;
	}
	finish_rows(b);
	rel = clm_xcalloc(b->rel.n + 1, sizeof(*rel));
	for (size_t i = 0; i < b->rel.n; i++)
		rel[i] = b->rel.v[i].r;
	{
		const struct clm_csb_sec sec[] = {
			{ CLM_SEC_STRINGS, b->pool, 1, b->npool },
			{ CLM_SEC_RELEASES, rel, sizeof(*rel), b->rel.n },
			{ CLM_SEC_CODES, w.codes.v, sizeof(*w.codes.v), w.codes.n },
			{ CLM_SEC_SPANS, w.spans.v, sizeof(*w.spans.v), w.spans.n },
			{ CLM_SEC_NOTES, b->notes.v, sizeof(*b->notes.v),
			  b->notes.n },
			{ CLM_SEC_SEVDESC, b->sevdesc.v, sizeof(uint32_t),
			  b->sevdesc.n },
			{ CLM_SEC_EXCL1, b->excl.v, sizeof(*b->excl.v), b->excl.n },
			{ CLM_SEC_MCE, b->mce.v, sizeof(*b->mce.v), b->mce.n },
			{ CLM_SEC_PTP, b->ptp.v, sizeof(*b->ptp.v), b->ptp.n },
			{ CLM_SEC_MUE, b->mue.v, sizeof(*b->mue.v), b->mue.n },
		};

		*buf = lay_out(sec, (int)(sizeof(sec) / sizeof(sec[0])), len);
	}
	free(rel);
	free(w.codes.v);
	free(w.spans.v);
	return 0;
}

int
clm_csb_write(struct clm_csb *b, const char *path, struct clm_error *err)
{
	unsigned char *img;
	size_t len;
	struct clm_out *out;
	int rc = clm_csb_image(b, &img, &len, err);

	if (rc < 0)
		return rc;
	out = clm_out_open(path, err);
	if (out == NULL) {
		free(img);
		return -CLM_EIO;
	}
	rc = clm_out_write(out, img, len, err);
	if (rc >= 0)
		rc = clm_out_commit(out, err);
	/* an index is shared read-only data, not private output */
	if (rc >= 0 && strcmp(path, "-") != 0 && chmod(path, 0644) < 0)
		rc = clm_error_set(err, CLM_EIO, path, 0, "cannot chmod: %s",
		    strerror(errno));
	clm_out_close(out);
	free(img);
	return rc;
}
