#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "clm_io.h"
#include "clm_profile.h"
#include "clm_record.h"

struct profile_value {
	int col;
	char *from, *to;
};

struct clm_profile {
	char *name;
	struct clm_profile_default *defs;
	size_t ndefs, defcap;
	struct profile_value *vals;
	size_t nvals, valcap;
};

enum section { SEC_COLUMNS, SEC_DEFAULTS, SEC_VALUES };

struct clm_profile *
clm_profile_new(void)
{
	struct clm_profile *p = clm_xcalloc(1, sizeof(*p));

	p->name = clm_xstrdup("");
	return p;
}

void
clm_profile_free(struct clm_profile *p)
{
	if (p == NULL)
		return;
	for (size_t i = 0; i < p->ndefs; i++)
		free(p->defs[i].value);
	for (size_t i = 0; i < p->nvals; i++) {
		free(p->vals[i].from);
		free(p->vals[i].to);
	}
	free(p->defs);
	free(p->vals);
	free(p->name);
	free(p);
}

static char *
trim(char *s, char *end)
{
	while (s < end && isspace((unsigned char)*s))
		s++;
	while (end > s && isspace((unsigned char)end[-1]))
		end--;
	*end = '\0';
	return s;
}

static int
section(char *line, enum section *sec, const char *name, long lineno,
    struct clm_error *err)
{
	char *end = strchr(line, ']');
	char *word;

	if (end == NULL || end[1] != '\0')
		return clm_error_set(err, CLM_EFORMAT, name, lineno,
		    "expected a section header such as [defaults]");
	word = trim(line + 1, end);
	if (strcasecmp(word, "columns") == 0)
		*sec = SEC_COLUMNS;
	else if (strcasecmp(word, "defaults") == 0)
		*sec = SEC_DEFAULTS;
	else if (strcasecmp(word, "values") == 0)
		*sec = SEC_VALUES;
	else
		return clm_error_set(err, CLM_EFORMAT, name, lineno,
		    "unknown section [%.32s]: expected [columns], [defaults] "
		    "or [values]", word);
	return 0;
}

static int
column(const char *s, const char *name, long lineno, struct clm_error *err)
{
	int col = clm_column_lookup(s);

	if (col < 0 || col == CLM_COL_STATUS || col == CLM_COL_EDITS)
		return clm_error_set(err, CLM_EFORMAT, name, lineno,
		    "'%.64s' is not a canonical column", s);
	return col;
}

static int
default_line(struct clm_profile *p, char *line, const char *name,
    long lineno, struct clm_error *err)
{
	char *eq = strchr(line, '='), *key, *val;
	int col;

	if (eq == NULL)
		return clm_error_set(err, CLM_EFORMAT, name, lineno,
		    "expected 'canonical_column = value'");
	key = trim(line, eq);
	val = trim(eq + 1, eq + 1 + strlen(eq + 1));
	if ((col = column(key, name, lineno, err)) < 0)
		return col;
	if (col == CLM_COL_CLAIM_ID || col == CLM_COL_LINE_NO)
		return clm_error_set(err, CLM_EFORMAT, name, lineno,
		    "%s cannot have a default: it tells claims and lines "
		    "apart", key);
	if (*val == '\0')
		return clm_error_set(err, CLM_EFORMAT, name, lineno,
		    "the default of %s is empty", key);
	if (clm_profile_default(p, col) != NULL)
		return clm_error_set(err, CLM_EFORMAT, name, lineno,
		    "a second default for %s (the first is on line %ld)",
		    key, clm_profile_default(p, col)->line);
	if (p->ndefs == p->defcap) {
		p->defcap = p->defcap ? p->defcap * 2 : 16;
		p->defs = clm_xrealloc(p->defs, p->defcap * sizeof(*p->defs));
	}
	p->defs[p->ndefs].col = col;
	p->defs[p->ndefs].value = clm_xstrdup(val);
	p->defs[p->ndefs].line = lineno;
	p->ndefs++;
	return 0;
}

static int
value_line(struct clm_profile *p, char *line, const char *name, long lineno,
    struct clm_error *err)
{
	char *colon = strchr(line, ':'), *eq, *key, *from, *to;
	int col;

	eq = colon ? strchr(colon, '=') : NULL;
	if (eq == NULL)
		return clm_error_set(err, CLM_EFORMAT, name, lineno,
		    "expected 'column: source value = canonical value'");
	key = trim(line, colon);
	from = trim(colon + 1, eq);
	to = trim(eq + 1, eq + 1 + strlen(eq + 1));
	if ((col = column(key, name, lineno, err)) < 0)
		return col;
	if (*from == '\0')
		return clm_error_set(err, CLM_EFORMAT, name, lineno,
		    "empty source value (an empty cell takes [defaults])");
	if (clm_profile_value(p, col, from) != NULL)
		return clm_error_set(err, CLM_EFORMAT, name, lineno,
		    "a second translation of one %s value", key);
	if (p->nvals == p->valcap) {
		p->valcap = p->valcap ? p->valcap * 2 : 16;
		p->vals = clm_xrealloc(p->vals, p->valcap * sizeof(*p->vals));
	}
	p->vals[p->nvals].col = col;
	p->vals[p->nvals].from = clm_xstrdup(from);
	p->vals[p->nvals].to = clm_xstrdup(to);
	p->nvals++;
	return 0;
}

static int
profile_line(struct clm_profile *p, struct clm_map *map, char *raw,
    enum section *sec, const char *name, long lineno,
    struct clm_error *err)
{
	char *line = trim(raw, raw + strlen(raw));

	if (*line == '\0' || *line == '#' || *line == ';')
		return 0;
	if (*line == '[')
		return section(line, sec, name, lineno, err);
	switch (*sec) {
	case SEC_COLUMNS:
		return clm_map_load_line(map, line, name, lineno, err);
	case SEC_DEFAULTS:
		return default_line(p, line, name, lineno, err);
	default:
		return value_line(p, line, name, lineno, err);
	}
}

int
clm_profile_load_text(struct clm_profile *p, struct clm_map *map,
    const char *text, size_t len, const char *name, struct clm_error *err)
{
	char *copy = clm_xstrndup(text, len);
	char *line = copy;
	enum section sec = SEC_COLUMNS;
	long lineno = 0;
	int rc = 0;

	free(p->name);
	p->name = clm_xstrdup(name);
	while (rc == 0 && line != NULL) {
		char *nl = strchr(line, '\n');

		if (nl != NULL)
			*nl = '\0';
		lineno++;
		if (strlen(line) != (size_t)((nl ? nl : copy + len) - line))
			rc = clm_error_set(err, CLM_EFORMAT, name, lineno,
			    "NUL byte in profile");
		else
			rc = profile_line(p, map, line, &sec, name, lineno,
			    err);
		line = nl ? nl + 1 : NULL;
	}
	free(copy);
	return rc;
}

int
clm_profile_load(struct clm_profile *p, struct clm_map *map,
    const char *path, struct clm_error *err)
{
	char *buf;
	size_t len;
	int rc = clm_map_read_file(path, &buf, &len, err);

	if (rc < 0)
		return rc;
	rc = clm_profile_load_text(p, map, buf, len, path, err);
	free(buf);
	return rc;
}

const char *
clm_profile_name(const struct clm_profile *p)
{
	return p->name;
}

size_t
clm_profile_ndefaults(const struct clm_profile *p)
{
	return p->ndefs;
}

const struct clm_profile_default *
clm_profile_default_at(const struct clm_profile *p, size_t i)
{
	return i < p->ndefs ? &p->defs[i] : NULL;
}

const struct clm_profile_default *
clm_profile_default(const struct clm_profile *p, int col)
{
	for (size_t i = 0; i < p->ndefs; i++)
		if (p->defs[i].col == col)
			return &p->defs[i];
	return NULL;
}

/* Equal but for case and blanks at either end of the cell. */
static int
same_value(const char *cell, const char *from)
{
	size_t len;

	while (isspace((unsigned char)*cell))
		cell++;
	len = strlen(cell);
	while (len > 0 && isspace((unsigned char)cell[len - 1]))
		len--;
	return len == strlen(from) && strncasecmp(cell, from, len) == 0;
}

const char *
clm_profile_value(const struct clm_profile *p, int col, const char *cell)
{
	for (size_t i = 0; i < p->nvals; i++)
		if (p->vals[i].col == col && same_value(cell, p->vals[i].from))
			return p->vals[i].to;
	return NULL;
}

int
clm_profile_has_values(const struct clm_profile *p, int col)
{
	for (size_t i = 0; i < p->nvals; i++)
		if (p->vals[i].col == col)
			return 1;
	return 0;
}
