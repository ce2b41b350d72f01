#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clm_io.h"
#include "clm_map.h"
#include "clm_record.h"

#define MAX_MAP_BYTES (1024 * 1024)

/* Built-in synonyms, compared by key (see clm_map_key). */
static const struct {
	const char *key;
	enum clm_column col;
} synonyms[] = {
	{ "claimid", CLM_COL_CLAIM_ID }, { "visitid", CLM_COL_CLAIM_ID },
	{ "encounter", CLM_COL_CLAIM_ID }, { "encounterid", CLM_COL_CLAIM_ID },
	{ "claimno", CLM_COL_CLAIM_ID }, { "claimnumber", CLM_COL_CLAIM_ID },
	{ "patientaccount", CLM_COL_CLAIM_ID },
	{ "dos", CLM_COL_DOS_FROM }, { "dateofservice", CLM_COL_DOS_FROM },
	{ "servicedate", CLM_COL_DOS_FROM }, { "dosfrom", CLM_COL_DOS_FROM },
	{ "dosto", CLM_COL_DOS_TO }, { "dosthrough", CLM_COL_DOS_TO },
	{ "cpt", CLM_COL_PROC }, { "cpthcpcs", CLM_COL_PROC },
	{ "procedurecode", CLM_COL_PROC }, { "procedure", CLM_COL_PROC },
	{ "hcpcs", CLM_COL_PROC },
	{ "units", CLM_COL_UNITS }, { "qty", CLM_COL_UNITS },
	{ "charge", CLM_COL_CHARGE }, { "amount", CLM_COL_CHARGE },
	{ "renderingnpi", CLM_COL_REND_NPI }, { "providernpi", CLM_COL_REND_NPI },
	{ "memberid", CLM_COL_SUB_ID }, { "subscriberid", CLM_COL_SUB_ID },
	{ "policy", CLM_COL_SUB_ID },
	{ "patientdob", CLM_COL_PAT_DOB }, { "dateofbirth", CLM_COL_PAT_DOB },
};

struct map_rule {
	char *key;
	int col;
};

struct clm_map {
	struct map_rule *rules;
	size_t n, cap;
};

void
clm_map_key(const char *s, char *key, size_t size)
{
	size_t n = 0;

	for (; *s != '\0' && n + 1 < size; s++)
		if (isalnum((unsigned char)*s))
			key[n++] = (char)tolower((unsigned char)*s);
	key[n] = '\0';
}

struct clm_map *
clm_map_new(void)
{
	return clm_xcalloc(1, sizeof(struct clm_map));
}

void
clm_map_free(struct clm_map *m)
{
	if (m == NULL)
		return;
	for (size_t i = 0; i < m->n; i++)
		free(m->rules[i].key);
	free(m->rules);
	free(m);
}

static void
add_rule(struct clm_map *m, const char *key, int col)
{
	if (m->n == m->cap) {
		m->cap = m->cap ? m->cap * 2 : 16;
		m->rules = clm_xrealloc(m->rules, m->cap * sizeof(*m->rules));
	}
	m->rules[m->n].key = clm_xstrdup(key);
	m->rules[m->n].col = col;
	m->n++;
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
load_line(struct clm_map *m, char *line, const char *name, long lineno,
    struct clm_error *err)
{
	char *hash = strchr(line, '#');
	char *eq, *src, *dst, key[256];
	int col;

	if (hash != NULL)
		*hash = '\0';
	if (*trim(line, line + strlen(line)) == '\0')
		return 0;
	eq = strchr(line, '=');
	if (eq == NULL)
		return clm_error_set(err, CLM_EFORMAT, name, lineno,
		    "expected 'Source Header = canonical_column'");
	src = trim(line, eq);
	dst = trim(eq + 1, eq + 1 + strlen(eq + 1));
	col = clm_column_lookup(dst);
	if (col < 0)
		return clm_error_set(err, CLM_EFORMAT, name, lineno,
		    "'%.64s' is not a canonical column", dst);
	clm_map_key(src, key, sizeof(key));
	if (key[0] == '\0')
		return clm_error_set(err, CLM_EFORMAT, name, lineno,
		    "empty source header");
	add_rule(m, key, col);
	return 0;
}

int
clm_map_load_text(struct clm_map *m, const char *text, size_t len,
    const char *name, struct clm_error *err)
{
	char *copy = clm_xstrndup(text, len);
	char *line = copy;
	long lineno = 0;
	int rc = 0;

	while (rc == 0 && line != NULL) {
		char *nl = strchr(line, '\n');

		if (nl != NULL)
			*nl = '\0';
		lineno++;
		if (strlen(line) != (size_t)((nl ? nl : copy + len) - line))
			rc = clm_error_set(err, CLM_EFORMAT, name, lineno,
			    "NUL byte in map file");
		else
			rc = load_line(m, line, name, lineno, err);
		line = nl ? nl + 1 : NULL;
	}
	free(copy);
	return rc;
}

int
clm_map_load(struct clm_map *m, const char *path, struct clm_error *err)
{
	struct clm_in *in = clm_in_open(path, err);
	char *buf;
	long n, total = 0;
	int rc;

	if (in == NULL)
		return -CLM_EIO;
	buf = clm_xmalloc(MAX_MAP_BYTES + 1);
	while ((n = clm_in_read(in, buf + total,
	    (size_t)(MAX_MAP_BYTES + 1 - total), err)) > 0)
		total += n;
	if (n < 0)
		rc = (int)n;
	else if (total > MAX_MAP_BYTES)
		rc = clm_error_set(err, CLM_ELIMIT, path, 0,
		    "map file larger than %d bytes", MAX_MAP_BYTES);
	else
		rc = clm_map_load_text(m, buf, (size_t)total, path, err);
	free(buf);
	clm_in_close(in);
	return rc;
}

int
clm_map_lookup(const struct clm_map *m, const char *header)
{
	char key[256];
	int col;

	clm_map_key(header, key, sizeof(key));
	for (size_t i = m->n; i-- > 0;)
		if (strcmp(m->rules[i].key, key) == 0)
			return m->rules[i].col;
	for (col = 0; col < CLM_COL_COUNT; col++) {
		char ckey[64];

		clm_map_key(clm_column_name(col), ckey, sizeof(ckey));
		if (strcmp(ckey, key) == 0)
			return col;
	}
	for (size_t i = 0; i < sizeof(synonyms) / sizeof(synonyms[0]); i++)
		if (strcmp(synonyms[i].key, key) == 0)
			return (int)synonyms[i].col;
	return -1;
}
