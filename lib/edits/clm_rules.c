#define PCRE2_CODE_UNIT_WIDTH 8
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <pcre2.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clm_837p.h"
#include "clm_io.h"
#include "clm_date.h"
#include "clm_rules.h"

#define MAX_LINE 4096
#define MAX_SLOTS CLM_837P_MAX_DX

enum test_op { OP_MATCH, OP_IN, OP_EQ, OP_NE, OP_LT, OP_LE, OP_GT, OP_GE,
	OP_EMPTY, OP_PRESENT };

/* One item of a code list, parsed once. */
struct list_item {
	enum { ITEM_CODE, ITEM_RANGE, ITEM_PREFIX } kind;
	size_t len;		/* code or prefix length; range: each end */
	const char *lo, *hi;	/* into the list string; hi for ranges */
};

struct rule_test {
	char *col;		/* column name, or the pseudo columns mod, dx */
	int nslots;		/* columns it reads: 1, 4 (mod) or 12 (dx) */
	int idx[MAX_SLOTS];	/* bound header indexes, -1 = absent */
	int line_level;		/* reads a per-line column */
	int age;		/* compare the days from the date to as-of */
	enum test_op op;
	pcre2_code *re;
	char **list;		/* OP_IN items: CODE, LOW-HIGH or PREFIX* */
	size_t nlist;
	struct list_item *items;	/* the items parsed, same order */
	char *value;		/* comparison operand */
};

struct rule_clause {
	int line_scope;		/* line has/lacks, else claim has/lacks */
	int negate;		/* lacks */
	struct rule_test t;
};

struct rule {
	char *id;
	char *edit;		/* RULE-<id>, or a catalogue id (edit ...) */
	int severity;		/* -1 until given */
	char *message;
	char *field;
	char **payers;
	size_t npayers;
	struct rule_clause *cl;
	size_t ncl;
	char *file;
	long line;
};

struct clm_rules {
	struct rule *v;
	size_t n, cap;
	pcre2_match_context *mctx;
	pcre2_match_data *md;
	pcre2_jit_stack *jit;
};

/* The parser's position: file, line and the rule being read. */
struct parse_pos {
	const char *name;
	long line;
	struct rule *cur;
	struct clm_error *err;
};

static int __attribute__((format(printf, 2, 3)))
parse_error(struct parse_pos *p, const char *fmt, ...)
{
	char msg[400];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (p->cur != NULL)
		return clm_error_set(p->err, CLM_EFORMAT, p->name, p->line,
		    "rule %s: %s", p->cur->id, msg);
	return clm_error_set(p->err, CLM_EFORMAT, p->name, p->line, "%s",
	    msg);
}

struct clm_rules *
clm_rules_new(void)
{
	struct clm_rules *r = clm_xcalloc(1, sizeof(*r));

	r->mctx = pcre2_match_context_create(NULL);
	r->md = pcre2_match_data_create(16, NULL);
	r->jit = pcre2_jit_stack_create(32 * 1024, 256 * 1024, NULL);
	if (r->mctx == NULL || r->md == NULL)
		clm_oom();
	pcre2_set_match_limit(r->mctx, CLM_RULES_MATCH_LIMIT);
	pcre2_set_depth_limit(r->mctx, CLM_RULES_DEPTH_LIMIT);
	if (r->jit != NULL)
		pcre2_jit_stack_assign(r->mctx, NULL, r->jit);
	return r;
}

static void
free_test(struct rule_test *t)
{
	free(t->col);
	pcre2_code_free(t->re);
	for (size_t i = 0; i < t->nlist; i++)
		free(t->list[i]);
	free(t->list);
	free(t->items);
	free(t->value);
}

static void
free_rule(struct rule *ru)
{
	free(ru->id);
	free(ru->edit);
	free(ru->message);
	free(ru->field);
	for (size_t i = 0; i < ru->npayers; i++)
		free(ru->payers[i]);
	free(ru->payers);
	for (size_t i = 0; i < ru->ncl; i++)
		free_test(&ru->cl[i].t);
	free(ru->cl);
	free(ru->file);
}

void
clm_rules_free(struct clm_rules *r)
{
	if (r == NULL)
		return;
	for (size_t i = 0; i < r->n; i++)
		free_rule(&r->v[i]);
	free(r->v);
	pcre2_match_context_free(r->mctx);
	pcre2_match_data_free(r->md);
	pcre2_jit_stack_free(r->jit);
	free(r);
}

size_t
clm_rules_count(const struct clm_rules *r)
{
	return r ? r->n : 0;
}

/* ---- parsing ---- */

/* Next whitespace-separated word of *s into buf; 0 when none. */
static size_t
next_word(const char **s, char *buf, size_t size)
{
	const char *p = *s;
	size_t n = 0;

	while (*p == ' ' || *p == '\t')
		p++;
	while (*p != '\0' && *p != ' ' && *p != '\t') {
		if (n + 1 < size)
			buf[n++] = *p;
		p++;
	}
	buf[n] = '\0';
	*s = p;
	return n;
}

static const char *
skip_space(const char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	return s;
}

static int
valid_name(const char *s, size_t max)
{
	size_t n = strlen(s);

	if (n == 0 || n > max)
		return 0;
	for (; *s != '\0'; s++)
		if (!isalnum((unsigned char)*s) && *s != '_' && *s != '-')
			return 0;
	return 1;
}

static void
push_str(char ***v, size_t *n, const char *s)
{
	*v = clm_xrealloc(*v, (*n + 1) * sizeof(**v));
	(*v)[(*n)++] = clm_xstrdup(s);
}

static int
set_column(struct parse_pos *p, struct rule_test *t, const char *col)
{
	int c;

	if (!valid_name(col, 64) || strchr(col, '-') != NULL)
		return parse_error(p, "'%s' is not a column name", col);
	t->col = clm_xstrdup(col);
	if (strcmp(col, "mod") == 0) {
		t->nslots = 4;
		t->line_level = 1;
	} else if (strcmp(col, "dx") == 0) {
		t->nslots = 12;
	} else {
		t->nslots = 1;
		c = clm_column_lookup(col);
		t->line_level = c >= 0 && clm_column_is_line(c);
	}
	for (int i = 0; i < MAX_SLOTS; i++)
		t->idx[i] = -1;
	return 0;
}

static int
parse_regex(struct parse_pos *p, struct rule_test *t, const char *s)
{
	const char *end = strrchr(s, '/');
	uint32_t opts = PCRE2_UTF;
	int errcode;
	PCRE2_SIZE erroff;
	PCRE2_UCHAR msg[160];

	if (*s != '/' || end == s)
		return parse_error(p, "matches needs a /pattern/");
	if (strcmp(end + 1, "i") == 0)
		opts |= PCRE2_CASELESS;
	else if (end[1] != '\0')
		return parse_error(p, "unknown pattern flag '%s' (only i)",
		    end + 1);
	t->re = pcre2_compile((PCRE2_SPTR)(s + 1), (PCRE2_SIZE)(end - s - 1),
	    opts, &errcode, &erroff, NULL);
	if (t->re == NULL) {
		pcre2_get_error_message(errcode, msg, sizeof(msg));
		return parse_error(p, "bad pattern at offset %zu: %s",
		    (size_t)erroff, (const char *)msg);
	}
	pcre2_jit_compile(t->re, PCRE2_JIT_COMPLETE);	/* else interpreted */
	return 0;
}

static void
parse_item(char *item, struct list_item *it)
{
	size_t n = strlen(item);
	char *dash = strchr(item, '-');

	it->lo = item;
	it->len = n;
	it->kind = ITEM_CODE;
	if (n > 1 && item[n - 1] == '*') {
		it->kind = ITEM_PREFIX;
		it->len = n - 1;
	} else if (dash != NULL && dash != item && dash[1] != '\0' &&
	    strlen(dash + 1) == (size_t)(dash - item)) {
		it->kind = ITEM_RANGE;
		it->len = (size_t)(dash - item);
		it->hi = dash + 1;
	}
}

static int
parse_list(struct parse_pos *p, struct rule_test *t, const char *s)
{
	char w[128];

	while (next_word(&s, w, sizeof(w)) > 0) {
		if (t->nlist >= CLM_RULES_MAX_LIST)
			return parse_error(p, "more than %d codes in a list",
			    CLM_RULES_MAX_LIST);
		push_str(&t->list, &t->nlist, w);
	}
	if (t->nlist == 0)
		return parse_error(p, "'in' needs at least one code");
	t->items = clm_xcalloc(t->nlist, sizeof(*t->items));
	for (size_t i = 0; i < t->nlist; i++)
		parse_item(t->list[i], &t->items[i]);
	return 0;
}

static const struct {
	const char *word;
	enum test_op op;
} ops[] = {
	{ "matches", OP_MATCH }, { "in", OP_IN }, { "=", OP_EQ },
	{ "!=", OP_NE }, { "<", OP_LT }, { "<=", OP_LE }, { ">", OP_GT },
	{ ">=", OP_GE }, { "empty", OP_EMPTY }, { "present", OP_PRESENT },
};

static int
parse_operand(struct parse_pos *p, struct rule_test *t, const char *s)
{
	char w[256];

	s = skip_space(s);
	switch (t->op) {
	case OP_MATCH:
		return parse_regex(p, t, s);
	case OP_IN:
		return parse_list(p, t, s);
	case OP_EMPTY:
	case OP_PRESENT:
		if (t->age)
			return parse_error(p, "age needs a comparison");
		return *s == '\0' ? 0 : parse_error(p, "unexpected '%s'", s);
	default:
		if (next_word(&s, w, sizeof(w)) == 0)
			return parse_error(p, "comparison needs a value");
		if (*skip_space(s) != '\0')
			return parse_error(p, "unexpected '%s'", skip_space(s));
		t->value = clm_xstrdup(w);
		return 0;
	}
}

/* COLUMN [age] OP OPERAND */
static int
parse_test(struct parse_pos *p, struct rule_test *t, const char *s)
{
	char w[128];
	size_t i;

	if (next_word(&s, w, sizeof(w)) == 0)
		return parse_error(p, "condition needs a column");
	if (set_column(p, t, w) < 0)
		return -CLM_EFORMAT;
	next_word(&s, w, sizeof(w));
	if (strcmp(w, "age") == 0) {
		t->age = 1;
		next_word(&s, w, sizeof(w));
	}
	for (i = 0; i < sizeof(ops) / sizeof(ops[0]); i++)
		if (strcmp(w, ops[i].word) == 0)
			break;
	if (i == sizeof(ops) / sizeof(ops[0]))
		return parse_error(p, "unknown test '%s' (matches, in, =, "
		    "!=, <, <=, >, >=, empty, present)", w);
	t->op = ops[i].op;
	if (t->age && (t->op == OP_MATCH || t->op == OP_IN))
		return parse_error(p, "age needs a comparison");
	return parse_operand(p, t, s);
}

static int
parse_clause(struct parse_pos *p, const char *scope, const char *s)
{
	struct rule *ru = p->cur;
	struct rule_clause *cl;
	char w[16];

	next_word(&s, w, sizeof(w));
	if (strcmp(w, "has") != 0 && strcmp(w, "lacks") != 0)
		return parse_error(p, "'%s' must be followed by has or lacks",
		    scope);
	ru->cl = clm_xrealloc(ru->cl, (ru->ncl + 1) * sizeof(*ru->cl));
	cl = &ru->cl[ru->ncl++];
	memset(cl, 0, sizeof(*cl));
	cl->line_scope = strcmp(scope, "line") == 0;
	cl->negate = strcmp(w, "lacks") == 0;
	return parse_test(p, &cl->t, s);
}

static int
parse_severity(struct parse_pos *p, const char *s)
{
	char w[32];

	next_word(&s, w, sizeof(w));
	if (strcmp(w, "error") == 0)
		p->cur->severity = CLM_SEV_ERROR;
	else if (strcmp(w, "warning") == 0)
		p->cur->severity = CLM_SEV_WARNING;
	else if (strcmp(w, "info") == 0)
		p->cur->severity = CLM_SEV_INFO;
	else
		return parse_error(p, "severity must be error, warning or "
		    "info, not '%s'", w);
	return 0;
}

static int
parse_edit(struct parse_pos *p, const char *s)
{
	char w[64];
	int e;

	next_word(&s, w, sizeof(w));
	e = clm_edit_lookup(w);
	if (e < 0)
		return parse_error(p, "edit '%s' is not in the catalogue", w);
	free(p->cur->edit);
	p->cur->edit = clm_xstrdup(w);
	if (p->cur->severity < 0)
		p->cur->severity = (int)clm_edit_info(e)->severity;
	return 0;
}

static int
parse_field(struct parse_pos *p, const char *s)
{
	char w[80];

	next_word(&s, w, sizeof(w));
	if (!valid_name(w, 64))
		return parse_error(p, "'%s' is not a column name", w);
	free(p->cur->field);
	p->cur->field = clm_xstrdup(w);
	return 0;
}

static int
parse_payers(struct parse_pos *p, const char *s)
{
	char w[96];
	size_t before = p->cur->npayers;

	while (next_word(&s, w, sizeof(w)) > 0)
		push_str(&p->cur->payers, &p->cur->npayers, w);
	return p->cur->npayers > before ? 0 :
	    parse_error(p, "payer needs at least one payer id");
}

static int
begin_rule(struct clm_rules *r, struct parse_pos *p, const char *s)
{
	char w[64], edit[80];
	struct rule *ru;

	if (p->cur != NULL)
		return parse_error(p, "'rule' inside a rule (missing 'end')");
	if (next_word(&s, w, sizeof(w)) == 0 || !valid_name(w, 40) ||
	    *skip_space(s) != '\0')
		return parse_error(p, "rule id must be 1-40 letters, digits, "
		    "'-' or '_'");
	for (size_t i = 0; i < r->n; i++)
		if (strcmp(r->v[i].id, w) == 0)
			return parse_error(p, "rule %s is already defined at "
			    "%s:%ld", w, r->v[i].file, r->v[i].line);
	if (r->n >= CLM_RULES_MAX_RULES)
		return parse_error(p, "more than %d rules",
		    CLM_RULES_MAX_RULES);
	if (r->n == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 16;
		r->v = clm_xrealloc(r->v, r->cap * sizeof(*r->v));
	}
	ru = &r->v[r->n++];
	memset(ru, 0, sizeof(*ru));
	ru->id = clm_xstrdup(w);
	snprintf(edit, sizeof(edit), "RULE-%s", w);
	ru->edit = clm_xstrdup(edit);
	ru->severity = -1;
	ru->file = clm_xstrdup(p->name);
	ru->line = p->line;
	p->cur = ru;
	return 0;
}

static int
end_rule(struct parse_pos *p)
{
	struct rule *ru = p->cur;

	if (ru == NULL)
		return parse_error(p, "'end' outside a rule");
	if (ru->severity < 0)
		return parse_error(p, "no severity (error, warning or info)");
	if (ru->message == NULL)
		return parse_error(p, "no message");
	if (ru->ncl == 0)
		return parse_error(p, "no condition (line has/lacks, claim "
		    "has/lacks)");
	p->cur = NULL;
	return 0;
}

static int
parse_directive(struct clm_rules *r, struct parse_pos *p, const char *s)
{
	char w[32];

	next_word(&s, w, sizeof(w));
	if (strcmp(w, "rule") == 0)
		return begin_rule(r, p, s);
	if (p->cur == NULL)
		return parse_error(p, "'%s' outside a rule (start one with "
		    "'rule ID')", w);
	if (strcmp(w, "end") == 0)
		return end_rule(p);
	if (strcmp(w, "line") == 0 || strcmp(w, "claim") == 0)
		return parse_clause(p, w, s);
	if (strcmp(w, "severity") == 0)
		return parse_severity(p, s);
	if (strcmp(w, "payer") == 0)
		return parse_payers(p, s);
	if (strcmp(w, "edit") == 0)
		return parse_edit(p, s);
	if (strcmp(w, "field") == 0)
		return parse_field(p, s);
	if (strcmp(w, "message") == 0 && *skip_space(s) != '\0') {
		free(p->cur->message);
		p->cur->message = clm_xstrdup(skip_space(s));
		return 0;
	}
	return parse_error(p, "unknown directive '%s'", w);
}

static int
parse_line(struct clm_rules *r, struct parse_pos *p, const char *s,
    size_t len)
{
	char buf[MAX_LINE];
	size_t n = len;

	if (len >= sizeof(buf))
		return parse_error(p, "line longer than %d bytes", MAX_LINE - 1);
	if (memchr(s, '\0', len) != NULL)
		return parse_error(p, "NUL byte in rule text");
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' ||
	    s[n - 1] == '\r'))
		n--;
	memcpy(buf, s, n);
	buf[n] = '\0';
	s = skip_space(buf);
	if (*s == '\0' || *s == '#')
		return 0;
	return parse_directive(r, p, s);
}

/* Drop the rules a failed load added, so a set is all or nothing. */
static void
truncate_rules(struct clm_rules *r, size_t n)
{
	while (r->n > n)
		free_rule(&r->v[--r->n]);
}

int
clm_rules_load_text(struct clm_rules *r, const char *text, size_t len,
    const char *name, struct clm_error *err)
{
	struct parse_pos p = { name, 0, NULL, err };
	size_t pos = 0, first = r->n;
	int rc = 0;

	if (len > CLM_RULES_MAX_FILE)
		return clm_error_set(err, CLM_ELIMIT, name, 0, "rule file "
		    "larger than %d bytes", CLM_RULES_MAX_FILE);
	while (rc == 0 && pos < len) {
		const char *nl = memchr(text + pos, '\n', len - pos);
		size_t end = nl ? (size_t)(nl - text) : len;

		p.line++;
		rc = parse_line(r, &p, text + pos, end - pos);
		pos = end + 1;
	}
	if (rc == 0 && p.cur != NULL)
		rc = parse_error(&p, "missing 'end'");
	if (rc < 0)
		truncate_rules(r, first);
	return rc;
}

static int
load_file(struct clm_rules *r, const char *path, struct clm_error *err)
{
	struct clm_in *in = clm_in_open(path, err);
	char *buf;
	size_t n = 0;
	long got;
	int rc;

	if (in == NULL)
		return -CLM_EIO;
	buf = clm_xmalloc(CLM_RULES_MAX_FILE + 1);
	while ((got = clm_in_read(in, buf + n, CLM_RULES_MAX_FILE + 1 - n,
	    err)) > 0 && n + (size_t)got <= CLM_RULES_MAX_FILE)
		n += (size_t)got;
	if (got > 0)
		n += (size_t)got;
	clm_in_close(in);
	rc = got < 0 ? (int)got : clm_rules_load_text(r, buf, n, path, err);
	free(buf);
	return rc;
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int
load_dir(struct clm_rules *r, const char *path, DIR *d, struct clm_error *err)
{
	char **names = NULL, full[4096];
	size_t n = 0;
	struct dirent *de;
	int rc = 0;

	while ((de = readdir(d)) != NULL) {
		size_t len = strlen(de->d_name);

		if (len > 6 && de->d_name[0] != '.' &&
		    strcmp(de->d_name + len - 6, ".rules") == 0)
			push_str(&names, &n, de->d_name);
	}
	if (n > 1)
		qsort(names, n, sizeof(*names), cmp_str);
	for (size_t i = 0; i < n; i++) {
		snprintf(full, sizeof(full), "%s/%s", path, names[i]);
		if (rc == 0)
			rc = load_file(r, full, err);
		free(names[i]);
	}
	free(names);
	return rc;
}

int
clm_rules_load(struct clm_rules *r, const char *path, struct clm_error *err)
{
	DIR *d = opendir(path);
	int rc;

	if (d == NULL && errno != ENOTDIR)
		return clm_error_set(err, CLM_EIO, path, 0, "cannot read "
		    "rules: %s", strerror(errno));
	if (d == NULL)
		return load_file(r, path, err);
	rc = load_dir(r, path, d, err);
	closedir(d);
	return rc;
}

/* ---- evaluation ---- */

void
clm_rules_bind(struct clm_rules *r, const struct clm_header *h)
{
	for (size_t i = 0; i < r->n; i++) {
		for (size_t j = 0; j < r->v[i].ncl; j++) {
			struct rule_test *t = &r->v[i].cl[j].t;

			if (t->nslots == 4)
				for (int k = 0; k < 4; k++)
					t->idx[k] = h->canon[CLM_COL_MOD(k + 1)];
			else if (t->nslots == 12)
				for (int k = 0; k < 12; k++)
					t->idx[k] = h->canon[CLM_COL_DX(k + 1)];
			else
				t->idx[0] = clm_header_find(h, t->col);
		}
	}
}

static int
in_list(const struct rule_test *t, const char *v)
{
	size_t vlen = strlen(v);

	for (size_t i = 0; i < t->nlist; i++) {
		const struct list_item *it = &t->items[i];

		switch (it->kind) {
		case ITEM_PREFIX:
			if (vlen >= it->len && memcmp(v, it->lo, it->len) == 0)
				return 1;
			break;
		case ITEM_RANGE:
			if (vlen == it->len && memcmp(v, it->lo, it->len) >= 0 &&
			    memcmp(v, it->hi, it->len) <= 0)
				return 1;
			break;
		default:
			if (vlen == it->len && memcmp(v, it->lo, vlen) == 0)
				return 1;
		}
	}
	return 0;
}

static int
as_number(const char *s, double *out)
{
	char *end;

	if (*s == '\0')
		return 0;
	errno = 0;
	*out = strtod(s, &end);
	return *end == '\0' && errno == 0;
}

static int
compare(enum test_op op, const char *a, const char *b)
{
	double x, y;
	int c;

	if (as_number(a, &x) && as_number(b, &y))
		c = (x > y) - (x < y);
	else
		c = strcmp(a, b);
	switch (op) {
	case OP_EQ: return c == 0;
	case OP_NE: return c != 0;
	case OP_LT: return c < 0;
	case OP_LE: return c <= 0;
	case OP_GT: return c > 0;
	default: return c >= 0;
	}
}

/* One value against the test: 1, 0, or -1 when a regex hit its limit. */
static int
test_value(struct clm_rules *r, const struct rule_test *t, const char *v,
    long as_of)
{
	char days[32];
	int rc, ok;

	switch (t->op) {
	case OP_MATCH:
		rc = pcre2_match(t->re, (PCRE2_SPTR)v, strlen(v), 0, 0, r->md,
		    r->mctx);
		if (rc >= 0)
			return 1;
		return rc == PCRE2_ERROR_NOMATCH ? 0 :
		    rc == PCRE2_ERROR_BADUTFOFFSET || (rc <= PCRE2_ERROR_UTF8_ERR1
		    && rc >= PCRE2_ERROR_UTF8_ERR21) ? 0 : -1;
	case OP_IN:
		return in_list(t, v);
	default:
		if (!t->age)
			return compare(t->op, v, t->value);
		snprintf(days, sizeof(days), "%ld", clm_date_diff(
		    clm_date_parse(v), as_of, &ok));
		return ok && compare(t->op, days, t->value);
	}
}

/* The test on one row: any slot value satisfies it. */
static int
test_row(struct clm_rules *r, const struct rule_test *t,
    const struct clm_row *row, long as_of)
{
	int nonempty = 0;

	for (int i = 0; i < t->nslots; i++) {
		const char *v = t->idx[i] < 0 ? "" :
		    clm_row_value(row, (size_t)t->idx[i]);
		int rc;

		if (t->nslots > 1 && *v == '\0')
			continue;
		nonempty += *v != '\0';
		if (t->op == OP_EMPTY || t->op == OP_PRESENT)
			continue;
		if ((rc = test_value(r, t, v, as_of)) != 0)
			return rc;
	}
	if (t->op == OP_EMPTY)
		return nonempty == 0;
	if (t->op == OP_PRESENT)
		return nonempty > 0;
	return 0;
}

/* claim has T: on the claim's values, or on any line for line columns. */
static int
test_claim(struct clm_rules *r, const struct rule_test *t,
    const struct clm_claim *c, long as_of)
{
	size_t n = t->line_level ? c->n : (c->n > 0);

	for (size_t i = 0; i < n; i++) {
		int rc = test_row(r, t, c->rows[i], as_of);

		if (rc != 0)
			return rc;
	}
	return 0;
}

static int
payer_applies(const struct rule *ru, const struct clm_claim *c,
    const struct clm_header *h)
{
	const char *payer = clm_row_get(c->rows[0], h, CLM_COL_PAYER_ID);

	if (ru->npayers == 0)
		return 1;
	for (size_t i = 0; i < ru->npayers; i++)
		if (strcmp(ru->payers[i], payer) == 0)
			return 1;
	return 0;
}

static const char *
rule_field(const struct rule *ru)
{
	if (ru->field != NULL)
		return ru->field;
	for (size_t i = 0; i < ru->ncl; i++)
		if (ru->cl[i].line_scope)
			return ru->cl[i].t.col;
	return ru->cl[0].t.col;
}

static void
limit_finding(const struct rule *ru, long line, const struct rule_test *t,
    struct clm_findings *f)
{
	clm_finding_add_custom(f, ru->edit, CLM_SEV_ERROR, line, t->col,
	    "rule %s (%s:%ld) could not be evaluated: its pattern on %s hit "
	    "the match limit; fix the rule (the claim is held meanwhile)",
	    ru->id, ru->file, ru->line, t->col);
}

/* Every clause of one scope holds: 1, 0, or -1 (limit, finding added). */
static int
clauses_hold(struct clm_rules *r, const struct rule *ru,
    const struct clm_claim *c, const struct clm_row *row, long line,
    long as_of, struct clm_findings *f)
{
	for (size_t i = 0; i < ru->ncl; i++) {
		const struct rule_clause *cl = &ru->cl[i];
		int rc;

		if ((row != NULL) != cl->line_scope)
			continue;
		rc = row ? test_row(r, &cl->t, row, as_of) :
		    test_claim(r, &cl->t, c, as_of);
		if (rc < 0) {
			limit_finding(ru, line, &cl->t, f);
			return -1;
		}
		if (rc == cl->negate)
			return 0;
	}
	return 1;
}

static void
check_rule(struct clm_rules *r, const struct rule *ru,
    const struct clm_claim *c, const struct clm_header *h, long as_of,
    struct clm_findings *f)
{
	int has_line = 0;

	if (!payer_applies(ru, c, h) ||
	    clauses_hold(r, ru, c, NULL, 0, as_of, f) != 1)
		return;
	for (size_t i = 0; i < ru->ncl; i++)
		has_line |= ru->cl[i].line_scope;
	if (!has_line) {
		clm_finding_add_custom(f, ru->edit, (enum clm_severity)
		    ru->severity, 0, rule_field(ru), "%s", ru->message);
		return;
	}
	for (size_t i = 0; i < c->n; i++) {
		long line = strtol(clm_row_get(c->rows[i], h, CLM_COL_LINE_NO),
		    NULL, 10);

		if (clauses_hold(r, ru, c, c->rows[i], line, as_of, f) == 1)
			clm_finding_add_custom(f, ru->edit, (enum clm_severity)
			    ru->severity, line, rule_field(ru), "%s",
			    ru->message);
	}
}

void
clm_rules_check(struct clm_rules *r, const struct clm_claim *c,
    const struct clm_header *h, long as_of, struct clm_findings *f)
{
	if (c->n == 0)
		return;
	for (size_t i = 0; i < r->n; i++)
		check_rule(r, &r->v[i], c, h, as_of, f);
}
