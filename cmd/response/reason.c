/*
 * clm-response reasons in words: CARC, RARC and 277 status codes looked up
 * in the code-set index (codesets/carc.tsv ... in clm's own wording, or the
 * full lists of scripts/fetch-codesets).  A description starts with its
 * action class ("fix: ..."); a code the index lacks is named bare.
 */
#include <string.h>

#include "response.h"

static const char *
lookup(const struct resp_ctx *x, enum clm_code_system sys, const char *code)
{
	struct clm_code_info ci;

	if (x->cs == NULL || clm_codeset_lookup(x->cs, sys, code, 20000101,
	    &ci) == CLM_CODE_UNKNOWN)
		return NULL;
	return ci.desc;
}

/* Append "CODE words" (or the bare code) to buf; note a fix class. */
static void
say(const struct resp_ctx *x, char *buf, size_t size, const char *shown,
    enum clm_code_system sys, const char *code, int *known, int *fix)
{
	const char *d = lookup(x, sys, code);
	size_t n = strlen(buf);

	if (d != NULL) {
		*known = 1;
		*fix |= strncmp(d, "fix:", 4) == 0;
	}
	if (n + strlen(shown) + (d ? strlen(d) : 0) + 4 >= size)
		return;
	snprintf(buf + n, size - n, "%s%s%s%s", n ? "; " : "", shown,
	    d ? " " : "", d ? d : "");
}

int
resp_reason_adjs(const struct resp_ctx *x, const struct clm_resp_adjs *a,
    char *buf, size_t size)
{
	int known = 0, fix = 0, unknown = 0;
	char remark[16];
	const char *p = a->remarks;

	buf[0] = '\0';
	for (int i = 0; i < a->n; i++) {
		char shown[16];
		int k = 0;

		snprintf(shown, sizeof(shown), "%s-%s", a->v[i].group,
		    a->v[i].reason);
		say(x, buf, size, shown, CLM_SYS_CARC, a->v[i].reason, &k,
		    &fix);
		known |= k;
		unknown |= !k;
	}
	while (*p != '\0') {
		size_t n = strcspn(p, ";");
		int k = 0;

		snprintf(remark, sizeof(remark), "%.*s", (int)(n < 15 ? n : 15),
		    p);
		say(x, buf, size, remark, CLM_SYS_RARC, remark, &k, &fix);
		known |= k;
		unknown |= !k;
		p += n + (p[n] == ';');
	}
	return fix || unknown || !known;
}

void
resp_reason_stc(const struct resp_ctx *x, const char *codes, char *buf,
    size_t size)
{
	const char *p = codes;

	buf[0] = '\0';
	while (*p != '\0') {
		size_t n = strcspn(p, ";");
		char v[48], *cat, *st, *ent, shown[64];
		int k, f;

		snprintf(v, sizeof(v), "%.*s", (int)(n < 47 ? n : 47), p);
		p += n + (p[n] == ';');
		if (strncmp(v, "STC:", 4) != 0)
			continue;
		cat = v + 4;
		st = strchr(cat, ':');
		if (st != NULL)
			*st++ = '\0';
		ent = st ? strchr(st, ':') : NULL;
		if (ent != NULL)
			*ent++ = '\0';
		say(x, buf, size, cat, CLM_SYS_CLAIM_CATEGORY, cat, &k, &f);
		if (st != NULL && *st != '\0') {
			snprintf(shown, sizeof(shown), "status %s%s%s", st,
			    ent ? " of entity " : "", ent ? ent : "");
			say(x, buf, size, shown, CLM_SYS_CLAIM_STATUS, st, &k,
			    &f);
		}
	}
}

const char *
resp_words(const struct resp_ctx *x, const char *key)
{
	const char *dash = strchr(key, '-'), *d;
	char v[48];

	if (strncmp(key, "STC:", 4) == 0) {
		snprintf(v, sizeof(v), "%.*s", (int)strcspn(key + 4, ":"),
		    key + 4);
		d = lookup(x, CLM_SYS_CLAIM_CATEGORY, v);
	} else if (dash != NULL && dash - key == 2) {
		d = lookup(x, CLM_SYS_CARC, dash + 1);
	} else {
		d = lookup(x, CLM_SYS_RARC, key);
	}
	return d ? d : "";
}
