/*
 * clm_map - mapping foreign column headers to canonical record columns:
 * built-in synonyms (what practice-management exports call things, and
 * numbered headers such as "ICD-10 3", "Dx C", "Mod 2", "Pointer 1"),
 * matched case- and punctuation-insensitively, plus user map files
 * ("Source Header = canonical_column" per line, '#' comments; "= -"
 * ignores the column, "= Other Name" passes it through under that name).
 * Map file rules win over the canonical names, which win over the
 * synonyms, which win over composed words (a role word such as "Clinic",
 * "Rendering", "Client" with a field word such as "NPI", "Last", "DOB",
 * abbreviations "Svc", "Pt", "Ins", "Prov", "Amt", "#" spelled out).
 * Rename strings returned are owned by the map.
 */
#ifndef CLM_MAP_H
#define CLM_MAP_H

#include "clm_error.h"

struct clm_map;

struct clm_map *clm_map_new(void);
void clm_map_free(struct clm_map *m);
/* Add the rules of a map file; they win over the built-in synonyms. */
int clm_map_load(struct clm_map *m, const char *path, struct clm_error *err);
/* Parse map text (for tests and fuzzing); name is used in errors. */
int clm_map_load_text(struct clm_map *m, const char *text, size_t len,
    const char *name, struct clm_error *err);
/* Read a map or profile file whole (at most 1 MiB; *text is the
 * caller's, NUL-terminated). */
int clm_map_read_file(const char *path, char **text, size_t *len,
    struct clm_error *err);
/* Add one map line (the [columns] lines of a practice profile). */
int clm_map_load_line(struct clm_map *m, char *line, const char *name,
    long lineno, struct clm_error *err);
/* Canonical column for a source header, or -1 when unmapped. */
int clm_map_lookup(const struct clm_map *m, const char *header);

/* Where a mapping came from (for --print-map). */
enum clm_map_how {
	CLM_MAP_NONE,		/* unmapped */
	CLM_MAP_FILE,		/* a map file rule */
	CLM_MAP_CANONICAL,	/* the header is the canonical name */
	CLM_MAP_SYNONYM,	/* a built-in synonym */
	CLM_MAP_COMPOSED	/* role and field words ("Clinic NPI") */
};

/* What a map rule may say instead of a canonical column. */
#define CLM_MAP_IGNORE (-2)	/* "= -": the column is dropped */
#define CLM_MAP_RENAME (-3)	/* "= Name": passed through as *rename */

/* As clm_map_lookup_how, also returning CLM_MAP_IGNORE or CLM_MAP_RENAME
 * (with *rename) for such rules. */
int clm_map_resolve(const struct clm_map *m, const char *header,
    enum clm_map_how *how, const char **rename);

/* As clm_map_lookup, also saying where the mapping came from. */
int clm_map_lookup_how(const struct clm_map *m, const char *header,
    enum clm_map_how *how);
/* The comparison key: lower-case letters and digits only ("Dx #1"->"dx1"). */
void clm_map_key(const char *s, char *key, size_t size);
/*
 * Whether a header name that maps to nothing looks like data rather than a
 * column title, so that it is never echoed: a run of 3 or more digits (a
 * date, a member id, a ZIP, an amount), digits joined by '/' (a date), an
 * '@' (an e-mail address), or not a code-shaped value and longer than 40
 * characters.  Tools then name the column by its position.
 */
int clm_map_name_looks_like_data(const char *name);
/*
 * Whether a first row of n names of which mapped map to canonical columns
 * is data (an export without a header row): none mapped, or fewer than 3
 * and fewer than a quarter.  Then none of its values is echoed.
 */
int clm_map_row_is_data(size_t mapped, size_t n);

#endif
