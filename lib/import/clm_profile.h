/*
 * clm_profile - a practice profile: one INI-style file that tells
 * clm-parse how a clinic's export reads (docs/profile.md).
 *
 *   [columns]    Source Header = canonical_column | - | Pass-through Name
 *                (the map file lines of clm_map; a file with no section
 *                header is all [columns], so a --map file is a profile)
 *   [defaults]   canonical_column = value   (where the export has no such
 *                column or the cell is empty; every use is counted)
 *   [values]     column: source value = canonical value
 *
 * Lines starting with '#' or ';' are comments.  The [columns] rules go
 * into the clm_map the caller passes; the profile owns its strings.
 */
#ifndef CLM_PROFILE_H
#define CLM_PROFILE_H

#include <stddef.h>

#include "clm_error.h"
#include "clm_map.h"

struct clm_profile_default {
	int col;		/* canonical column */
	char *value;
	long line;		/* line in the profile */
};

struct clm_profile;

struct clm_profile *clm_profile_new(void);
void clm_profile_free(struct clm_profile *p);
/* Load a profile file; its [columns] rules are added to map. */
int clm_profile_load(struct clm_profile *p, struct clm_map *map,
    const char *path, struct clm_error *err);
int clm_profile_load_text(struct clm_profile *p, struct clm_map *map,
    const char *text, size_t len, const char *name, struct clm_error *err);
/* The file name given to the last load ("" before one). */
const char *clm_profile_name(const struct clm_profile *p);
size_t clm_profile_ndefaults(const struct clm_profile *p);
const struct clm_profile_default *clm_profile_default_at(
    const struct clm_profile *p, size_t i);
/* The default of a column, or NULL. */
const struct clm_profile_default *clm_profile_default(
    const struct clm_profile *p, int col);
/* The [values] translation of a cell of column col (compared without
 * case and surrounding blanks), or NULL when the profile has none. */
const char *clm_profile_value(const struct clm_profile *p, int col,
    const char *cell);
/* Non-zero when the profile has [values] rules for col. */
int clm_profile_has_values(const struct clm_profile *p, int col);

#endif
