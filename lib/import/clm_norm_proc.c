/*
 * clm_norm_proc - a procedure code and its modifiers, which exports spread
 * in several ways: glued to the code ("97110-GP", "97110GP"), several in
 * one modifier column ("GP,59"), gaps between columns, repeats.  The code
 * keeps its 5 characters, the modifiers go into mod1..mod4 in the order
 * met (those glued to the code first), each once.  More than four distinct
 * modifiers cannot be placed without dropping one: MOD-TOO-MANY.
 */
#include <ctype.h>
#include <string.h>

#include "clm_norm_int.h"

#define MAX_MODS 16

struct mod_list {
	char v[MAX_MODS][3];
	int n;
	int overflow;
};

static int
is_digit(int c)
{
	return c >= '0' && c <= '9';
}

static int
is_upper_alnum(int c)
{
	return is_digit(c) || (c >= 'A' && c <= 'Z');
}

/* CPT (4 digits and a digit or letter) or HCPCS Level II (letter, 4
 * digits). */
static int
proc_form(const char *s)
{
	if (is_digit((unsigned char)s[0]))
		return is_digit((unsigned char)s[1]) &&
		    is_digit((unsigned char)s[2]) &&
		    is_digit((unsigned char)s[3]) &&
		    is_upper_alnum((unsigned char)s[4]);
	return s[0] >= 'A' && s[0] <= 'Z' && is_digit((unsigned char)s[1]) &&
	    is_digit((unsigned char)s[2]) && is_digit((unsigned char)s[3]) &&
	    is_digit((unsigned char)s[4]);
}

/* Trim and upper-case src into dst; 0 when it does not fit. */
static int
clean(const char *src, char *dst)
{
	const char *s = src != NULL ? src : "";
	size_t n = strlen(s);

	clm_norm_trim(&s, &n);
	if (n >= CLM_NORM_PROC_MAX)
		return 0;
	for (size_t i = 0; i < n; i++)
		dst[i] = (char)toupper((unsigned char)s[i]);
	dst[n] = '\0';
	return 1;
}

static void
add_mod(struct mod_list *ml, const char *m)
{
	for (int i = 0; i < ml->n; i++)
		if (memcmp(ml->v[i], m, 2) == 0)
			return;
	if (ml->n == MAX_MODS) {
		ml->overflow = 1;
		return;
	}
	memcpy(ml->v[ml->n], m, 2);
	ml->v[ml->n++][2] = '\0';
}

/* Modifiers of 2 letters or digits separated by " ,;/-" (or nothing);
 * 0 when s holds anything else. */
static int
split_mods(const char *s, struct mod_list *ml)
{
	size_t i = 0, n = strlen(s);

	while (i < n) {
		while (i < n && strchr(" ,;/-", s[i]) != NULL)
			i++;
		if (i == n)
			break;
		if (i + 2 > n || !is_upper_alnum((unsigned char)s[i]) ||
		    !is_upper_alnum((unsigned char)s[i + 1]) ||
		    (i + 2 < n && strchr(" ,;/-", s[i + 2]) == NULL &&
		    !is_upper_alnum((unsigned char)s[i + 2])))
			return 0;
		add_mod(ml, s + i);
		i += 2;
	}
	return 1;
}

static enum clm_norm_result
unsafe(struct clm_norm_procmod *pm, const char *vals[5])
{
	for (int i = 0; i < 5; i++) {
		const char *why = clm_norm_unsafe(vals[i], strlen(vals[i]));

		if (why != NULL) {
			pm->edit = CLM_EDIT_X12_DELIMITER;
			pm->reason = why;
			pm->field = i;
			return CLM_NORM_ERROR;
		}
	}
	return CLM_NORM_UNCHANGED;
}

/* Which finding the new values make, if any (field: first change). */
static enum clm_norm_result
classify(struct clm_norm_procmod *pm, const char *vals[5], int glued,
    char cleaned[4][CLM_NORM_PROC_MAX])
{
	const char *now[5] = { pm->proc_buf, pm->mod_buf[0], pm->mod_buf[1],
		pm->mod_buf[2], pm->mod_buf[3] };
	int restructured = glued, first = -1;

	for (int i = 4; i >= 0; i--) {
		if (strcmp(now[i], vals[i]) != 0)
			first = i;
		if (i > 0 && strcmp(now[i], cleaned[i - 1]) != 0)
			restructured = 1;
	}
	if (first < 0)
		return CLM_NORM_UNCHANGED;
	pm->field = glued ? 0 : first;
	pm->edit = restructured ? CLM_EDIT_NORM_MOD : CLM_EDIT_NORM_CODE;
	pm->reason = glued ? "modifier split from the procedure code into "
	    "the modifier columns" : restructured ? "modifiers split, "
	    "de-duplicated or moved up into empty modifier columns" :
	    "code upper-cased, spaces trimmed";
	return CLM_NORM_REPAIRED;
}

static void
place(struct clm_norm_procmod *pm, const struct mod_list *ml)
{
	for (int i = 0; i < 4; i++) {
		if (i < ml->n)
			memcpy(pm->mod_buf[i], ml->v[i], 3);
		else
			pm->mod_buf[i][0] = '\0';
	}
}

enum clm_norm_result
clm_norm_proc_mods(struct clm_norm_procmod *pm)
{
	const char *vals[5] = { pm->proc ? pm->proc : "", pm->mod[0] ?
	    pm->mod[0] : "", pm->mod[1] ? pm->mod[1] : "", pm->mod[2] ?
	    pm->mod[2] : "", pm->mod[3] ? pm->mod[3] : "" };
	char cleaned[4][CLM_NORM_PROC_MAX];
	struct mod_list ml = { .n = 0 };
	int glued = 0, parsable = 1;
	enum clm_norm_result r;

	if (unsafe(pm, vals) == CLM_NORM_ERROR)
		return CLM_NORM_ERROR;
	if (!clean(vals[0], pm->proc_buf))
		return CLM_NORM_UNCHANGED;
	for (int i = 0; i < 4; i++)
		if (!clean(vals[i + 1], cleaned[i]))
			return CLM_NORM_UNCHANGED;
	if (strlen(pm->proc_buf) > 5 && proc_form(pm->proc_buf) &&
	    split_mods(pm->proc_buf + 5, &ml) && ml.n > 0)
		glued = 1;
	for (int i = 0; i < 4; i++)
		parsable &= split_mods(cleaned[i], &ml);
	if (!parsable) {
		/* leave the modifiers where they are; code-check reports */
		glued = 0;
		for (int i = 0; i < 4; i++)
			memcpy(pm->mod_buf[i], cleaned[i], CLM_NORM_PROC_MAX);
	} else if (ml.n > 4 || ml.overflow) {
		pm->edit = CLM_EDIT_MOD_TOO_MANY;
		pm->reason = "more than 4 distinct modifiers: which to drop "
		    "is the coder's decision";
		pm->field = glued ? 0 : 1;
		return CLM_NORM_ERROR;
	} else {
		place(pm, &ml);
	}
	if (glued)
		pm->proc_buf[5] = '\0';
	r = classify(pm, vals, glued, cleaned);
	if (r == CLM_NORM_REPAIRED) {
		pm->proc = pm->proc_buf;
		for (int i = 0; i < 4; i++)
			pm->mod[i] = pm->mod_buf[i];
	}
	return r;
}
