#include <ctype.h>
#include <stdio.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "clm_io.h"
#include "clm_partner.h"
#include "clm_x12.h"

#define PARTNER_MAX_BYTES (1024 * 1024)

enum key_kind { K_STR, K_DELIM, K_SPECIAL };

struct key_def {
	const char *name;
	enum key_kind kind;
	size_t off;
	size_t size;
};

#define STR(k) { #k, K_STR, offsetof(struct clm_partner, k), \
	sizeof(((struct clm_partner *)0)->k) }
#define DELIM(k) { #k, K_DELIM, offsetof(struct clm_partner, k), 1 }
#define SPECIAL(k) { k, K_SPECIAL, 0, 0 }

static const struct key_def keys[] = {
	STR(submitter_name), STR(submitter_id), STR(submitter_contact),
	STR(submitter_phone), STR(submitter_email), STR(receiver_name),
	STR(receiver_id), STR(isa_auth_qual), STR(isa_auth_info),
	STR(isa_security_qual), STR(isa_security_info), STR(isa_sender_qual),
	STR(isa_sender_id), STR(isa_receiver_qual), STR(isa_receiver_id),
	STR(gs_sender_id), STR(gs_receiver_id), STR(payer_ids),
	DELIM(element_sep), DELIM(component_sep), DELIM(repetition_sep),
	DELIM(segment_term),
	SPECIAL("usage"), SPECIAL("ack_requested"), SPECIAL("line_ending"),
	SPECIAL("charset"), SPECIAL("long_claims"),
	SPECIAL("claims_per_transaction"),
};

#define SET(field, v) snprintf((field), sizeof(field), "%s", (v))

void
clm_partner_defaults(struct clm_partner *p)
{
	memset(p, 0, sizeof(*p));
	SET(p->isa_auth_qual, "00");
	SET(p->isa_security_qual, "00");
	SET(p->isa_sender_qual, "ZZ");
	SET(p->isa_receiver_qual, "ZZ");
	p->usage = 'T';
	p->ack_requested = '0';
	p->element_sep = '*';
	p->component_sep = ':';
	p->repetition_sep = '^';
	p->segment_term = '~';
	SET(p->line_ending, "\n");
	p->charset = CLM_PARTNER_BASIC;
	p->long_claims = CLM_PARTNER_SPLIT;
	p->claims_per_st = 5000;
}

static int
set_special(struct clm_partner *p, const char *key, const char *v)
{
	if (strcmp(key, "usage") == 0 && (!strcmp(v, "T") || !strcmp(v, "P")))
		p->usage = v[0];
	else if (strcmp(key, "ack_requested") == 0 &&
	    (!strcmp(v, "0") || !strcmp(v, "1")))
		p->ack_requested = v[0];
	else if (strcmp(key, "line_ending") == 0 && !strcmp(v, "none"))
		p->line_ending[0] = '\0';
	else if (strcmp(key, "line_ending") == 0 && !strcmp(v, "lf"))
		SET(p->line_ending, "\n");
	else if (strcmp(key, "line_ending") == 0 && !strcmp(v, "crlf"))
		SET(p->line_ending, "\r\n");
	else if (strcmp(key, "charset") == 0 && !strcmp(v, "basic"))
		p->charset = CLM_PARTNER_BASIC;
	else if (strcmp(key, "charset") == 0 && !strcmp(v, "extended"))
		p->charset = CLM_PARTNER_EXTENDED;
	else if (strcmp(key, "long_claims") == 0 && !strcmp(v, "split"))
		p->long_claims = CLM_PARTNER_SPLIT;
	else if (strcmp(key, "long_claims") == 0 && !strcmp(v, "reject"))
		p->long_claims = CLM_PARTNER_REJECT;
	else if (strcmp(key, "claims_per_transaction") == 0) {
		char *end;
		unsigned long n = strtoul(v, &end, 10);

		if (*v < '1' || *v > '9' || *end != '\0' || n > 100000)
			return -1;
		p->claims_per_st = n;
	} else
		return -1;
	return 0;
}

static int
set_key(struct clm_partner *p, const char *key, const char *v,
    const char *name, long line, struct clm_error *err)
{
	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		const struct key_def *k = &keys[i];
		char *dst = (char *)p + k->off;

		if (strcmp(k->name, key) != 0)
			continue;
		if (k->kind == K_STR && strlen(v) < k->size) {
			memcpy(dst, v, strlen(v) + 1);
			return 0;
		}
		if (k->kind == K_STR)
			return clm_error_set(err, CLM_EFORMAT, name, line,
			    "%s: value longer than %zu characters", key,
			    k->size - 1);
		if (k->kind == K_DELIM && strlen(v) == 1) {
			*dst = v[0];
			return 0;
		}
		if (k->kind == K_SPECIAL && set_special(p, key, v) == 0)
			return 0;
		return clm_error_set(err, CLM_EFORMAT, name, line,
		    "%s: invalid value (see clm-emit-837(1))", key);
	}
	return clm_error_set(err, CLM_EFORMAT, name, line,
	    "unknown key '%.64s'", key);
}

static void
trim(char **s, char **end)
{
	while (*s < *end && isspace((unsigned char)**s))
		(*s)++;
	while (*end > *s && isspace((unsigned char)(*end)[-1]))
		(*end)--;
}

static int
parse_line(struct clm_partner *p, char *s, char *end, const char *name,
    long line, struct clm_error *err)
{
	char *eq;

	trim(&s, &end);
	if (s == end || *s == '#')
		return 0;
	*end = '\0';
	eq = strchr(s, '=');
	if (eq == NULL)
		return clm_error_set(err, CLM_EFORMAT, name, line,
		    "expected 'key = value'");
	{
		char *k = s, *kend = eq, *v = eq + 1, *vend = end;

		trim(&k, &kend);
		trim(&v, &vend);
		*kend = '\0';
		*vend = '\0';
		return set_key(p, k, v, name, line, err);
	}
}

int
clm_partner_load_text(struct clm_partner *p, const char *text, size_t len,
    const char *name, struct clm_error *err)
{
	char *copy = clm_xstrndup(text, len);
	char *s = copy;
	long line = 0;
	int rc = 0;

	if (strlen(copy) != len)
		rc = clm_error_set(err, CLM_EFORMAT, name, 0,
		    "partner file holds a NUL byte");
	while (rc == 0 && *s != '\0') {
		char *nl = strchr(s, '\n');
		char *end = nl ? nl : s + strlen(s);

		line++;
		rc = parse_line(p, s, end, name, line, err);
		s = nl ? nl + 1 : end;
	}
	free(copy);
	return rc < 0 ? rc : clm_partner_check(p, name, err);
}

int
clm_partner_load(struct clm_partner *p, const char *path,
    struct clm_error *err)
{
	struct clm_in *in = clm_in_open(path, err);
	char *buf;
	size_t len = 0;
	long n;
	int rc;

	if (in == NULL)
		return -CLM_EIO;
	buf = clm_xmalloc(PARTNER_MAX_BYTES + 1);
	while ((n = clm_in_read(in, buf + len, PARTNER_MAX_BYTES + 1 - len,
	    err)) > 0 && len + (size_t)n <= PARTNER_MAX_BYTES)
		len += (size_t)n;
	if (n > 0)
		rc = clm_error_set(err, CLM_ELIMIT, path, 0,
		    "partner file larger than %d bytes", PARTNER_MAX_BYTES);
	else if (n < 0)
		rc = (int)n;
	else
		rc = clm_partner_load_text(p, buf, len, path, err);
	free(buf);
	clm_in_close(in);
	return rc;
}

static int
one_of(const char *v, const char *const *list)
{
	for (; *list != NULL; list++)
		if (strcmp(v, *list) == 0)
			return 1;
	return 0;
}

static int
check_delims(const struct clm_partner *p, const char *name,
    struct clm_error *err)
{
	const char d[4] = { p->element_sep, p->component_sep,
		p->repetition_sep, p->segment_term };

	for (int i = 0; i < 4; i++) {
		unsigned char c = (unsigned char)d[i];

		if (isalnum(c) || c == ' ' || c < 0x20 || c >= 0x7f)
			return clm_error_set(err, CLM_EFORMAT, name, 0,
			    "delimiters must be printable punctuation");
		for (int j = 0; j < i; j++)
			if (d[j] == d[i])
				return clm_error_set(err, CLM_EFORMAT, name,
				    0, "the four delimiters must differ");
	}
	return 0;
}

static int
check_values(const struct clm_partner *p, const char *name,
    struct clm_error *err)
{
	struct clm_x12_syntax syn = { p->element_sep, p->component_sep,
		p->repetition_sep, p->segment_term, "",
		p->charset == CLM_PARTNER_EXTENDED };
	struct clm_x12_writer w;
	int rc = 0;

	clm_x12_writer_init(&w, &syn);
	for (size_t i = 0; rc == 0 && i < sizeof(keys) / sizeof(keys[0]);
	    i++) {
		const char *v = (const char *)p + keys[i].off;

		if (keys[i].kind == K_STR &&
		    clm_x12_check(&w, v, strlen(v), NULL) != CLM_X12_OK)
			rc = clm_error_set(err, CLM_EFORMAT, name, 0,
			    "%s holds a delimiter or a character outside the "
			    "%s character set", keys[i].name,
			    syn.extended ? "extended" : "basic");
	}
	clm_x12_writer_free(&w);
	return rc;
}

int
clm_partner_check(const struct clm_partner *p, const char *name,
    struct clm_error *err)
{
	static const char *const req[] = { "submitter_name", "submitter_id",
		"receiver_name", "receiver_id", "isa_sender_id",
		"isa_receiver_id", NULL };
	static const char *const quals[] = { "01", "14", "20", "27", "28",
		"29", "30", "33", "ZZ", NULL };
	static const char *const auth[] = { "00", "03", NULL };
	static const char *const sec[] = { "00", "01", NULL };
	int rc;

	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		if (one_of(keys[i].name, req) &&
		    ((const char *)p + keys[i].off)[0] == '\0')
			return clm_error_set(err, CLM_EFORMAT, name, 0,
			    "required key %s is missing", keys[i].name);
	if (!one_of(p->isa_sender_qual, quals) ||
	    !one_of(p->isa_receiver_qual, quals))
		return clm_error_set(err, CLM_EFORMAT, name, 0,
		    "isa_sender_qual/isa_receiver_qual: not an ISA qualifier "
		    "(01 14 20 27 28 29 30 33 ZZ)");
	if (!one_of(p->isa_auth_qual, auth) ||
	    !one_of(p->isa_security_qual, sec))
		return clm_error_set(err, CLM_EFORMAT, name, 0,
		    "isa_auth_qual must be 00 or 03, isa_security_qual 00 or "
		    "01");
	if (strlen(p->submitter_id) < 2 || strlen(p->receiver_id) < 2)
		return clm_error_set(err, CLM_EFORMAT, name, 0,
		    "submitter_id and receiver_id need 2 to 80 characters");
	if (strlen(p->gs_sender_id[0] ? p->gs_sender_id :
	    p->isa_sender_id) < 2 || strlen(p->gs_receiver_id[0] ?
	    p->gs_receiver_id : p->isa_receiver_id) < 2)
		return clm_error_set(err, CLM_EFORMAT, name, 0,
		    "GS02/GS03 (gs_sender_id, gs_receiver_id, default the ISA "
		    "ids) need 2 to 15 characters");
	if ((rc = check_delims(p, name, err)) < 0)
		return rc;
	return check_values(p, name, err);
}

int
clm_partner_payer_zeros(const struct clm_partner *p, const char *id,
    char *listed, size_t size)
{
	const char *q = p->payer_ids, *bare = id;
	int found = 0;

	while (*bare == '0')
		bare++;
	if (id[0] == '\0' || *bare == '\0')
		return 0;
	while (*q != '\0') {
		size_t n;

		while (*q == ' ' || *q == ',' || *q == '\t')
			q++;
		n = strcspn(q, " ,\t");
		if (n == 0)
			break;
		if (n == strlen(id) && memcmp(q, id, n) == 0)
			return 0;	/* listed as it is */
		if (!found && q[0] == '0') {
			size_t z = 0;

			while (z < n && q[z] == '0')
				z++;
			if (n - z == strlen(bare) && memcmp(q + z, bare,
			    n - z) == 0) {
				snprintf(listed, size, "%.*s", (int)n, q);
				found = 1;
			}
		}
		q += n;
	}
	return found;
}
