/*
 * clm_codeset_xml - XML sources of the index builder, read with libxml2's
 * streaming reader (no network, no DTD loading, no entity expansion):
 * the ICD-10-CM tabular (7th characters, Excludes1, code first) and the
 * CMS place-of-service list as an HL7 FHIR CodeSystem.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libxml/xmlreader.h>

#include "clm_codeset_int.h"

#define XML_MAX_DEPTH 64

struct xml_io {
	struct clm_csb_src *s;
	struct clm_error *err;
	int failed;
	char msg[256];
};

static int
xml_read_cb(void *ctx, char *buf, int len)
{
	struct xml_io *io = ctx;
	long n = clm_csb_read(io->s, buf, (size_t)len, io->err);

	if (n < 0)
		io->failed = 1;
	return (int)n;
}

static void
xml_error_cb(void *ctx, const xmlError *e)
{
	struct xml_io *io = ctx;

	if (io->msg[0] == '\0' && e != NULL && e->message != NULL)
		snprintf(io->msg, sizeof(io->msg), "line %d: %s", e->line,
		    e->message);
}

static xmlTextReaderPtr
xml_open(struct xml_io *io, struct clm_csb_src *s, struct clm_error *err)
{
	xmlTextReaderPtr r;

	memset(io, 0, sizeof(*io));
	io->s = s;
	io->err = err;
	r = xmlReaderForIO(xml_read_cb, NULL, io, NULL, NULL,
	    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	if (r == NULL)
		clm_error_set(err, CLM_EFORMAT, s->name, 0,
		    "cannot start the XML reader");
	else
		xmlTextReaderSetStructuredErrorHandler(r,
		    (xmlStructuredErrorFunc)xml_error_cb, io);
	return r;
}

static int
xml_close(xmlTextReaderPtr r, struct xml_io *io, int got, int rc,
    struct clm_error *err)
{
	xmlFreeTextReader(r);
	if (rc < 0)
		return rc;
	if (io->failed)
		return -CLM_EIO;
	if (got < 0)
		return clm_error_set(err, CLM_EFORMAT, io->s->name, 0,
		    "not well-formed XML: %s", io->msg[0] ? io->msg :
		    "parse error");
	return 0;
}

/* ---- ICD-10-CM tabular ---- */

struct tab {
	struct clm_csb_ctx *c;
	char elem[XML_MAX_DEPTH][24];	/* element name per depth */
	char diag[XML_MAX_DEPTH][8];	/* diag code per depth, "" if none */
	long note[XML_MAX_DEPTH];	/* note entry per diag depth, -1 */
	char chars[XML_MAX_DEPTH][CLM_ICD_7TH_MAX + 1];
	char ext_char;			/* current <extension char=> */
	int depth;
};

/* The innermost diag above depth d, or -1. */
static int
tab_diag(const struct tab *t, int d)
{
	for (d--; d >= 0; d--)
		if (t->diag[d][0] != '\0')
			return d;
	return -1;
}

static struct clm_idx_note *
tab_note(struct tab *t, int dd, struct clm_error *err)
{
	struct clm_csb *b = t->c->b;
	struct clm_idx_note *e;

	if (t->note[dd] >= 0)
		return &b->notes.v[t->note[dd]];
	if (CSB_PUSH(b, b->notes, err, t->c->src) < 0)
		return NULL;
	t->note[dd] = (long)b->notes.n - 1;
	e = &b->notes.v[t->note[dd]];
	memcpy(e->code, t->diag[dd], sizeof(e->code));
	e->release = (uint16_t)t->c->rel;
	b->rel.v[t->c->rel].r.count++;
	return e;
}

/* A code reference in note text: letter, digit, alnum, [.alnum...]. */
static size_t
code_ref(const char *p, char *key, size_t size)
{
	size_t n = 0, k = 0;

	if (!isupper((unsigned char)p[0]) || !isdigit((unsigned char)p[1]))
		return 0;
	while (isalnum((unsigned char)p[n]) || (p[n] == '.' && n == 3)) {
		if (p[n] != '.' && k + 1 < size)
			key[k++] = p[n];
		n++;
	}
	key[k] = '\0';
	return k >= 3 && k <= 7 ? n : 0;
}

static int
excl_push(struct tab *t, int dd, const char *lo, const char *hi,
    uint32_t note, struct clm_error *err)
{
	struct clm_csb *b = t->c->b;
	struct clm_idx_excl *e;

	if (CSB_PUSH(b, b->excl, err, t->c->src) < 0)
		return -CLM_ELIMIT;
	e = &b->excl.v[b->excl.n - 1];
	memcpy(e->at, t->diag[dd], sizeof(e->at));
	clm_csb_field(e->lo, sizeof(e->lo), lo);
	clm_csb_field(e->hi, sizeof(e->hi), hi);
	e->release = (uint16_t)t->c->rel;
	e->note = note;
	b->rel.v[t->c->rel].r.count++;
	return 0;
}

/* Codes and ranges in the parentheses of an Excludes1 note. */
static int
tab_excludes1(struct tab *t, int dd, const char *text, struct clm_error *err)
{
	uint32_t note = clm_csb_str(t->c->b, text, strlen(text));
	int paren = 0;

	for (const char *p = text; *p != '\0'; p++) {
		char lo[16], hi[16];
		size_t n;
		int rc;

		paren += *p == '(' ? 1 : (*p == ')' && paren > 0 ? -1 : 0);
		if (!paren || (p > text && isalnum((unsigned char)p[-1])) ||
		    (n = code_ref(p, lo, sizeof(lo))) == 0)
			continue;
		p += n;
		memcpy(hi, lo, sizeof(hi));
		if (*p == '-' && code_ref(p + 1, hi, sizeof(hi)) > 0)
			p += 1 + code_ref(p + 1, hi, sizeof(hi));
		if ((rc = excl_push(t, dd, lo, hi, note, err)) < 0)
			return rc;
		p--;
	}
	return 0;
}

static int
tab_text(struct tab *t, const char *text, struct clm_error *err)
{
	int d = t->depth, dd;
	struct clm_idx_note *e;
	const char *parent = d >= 1 ? t->elem[d - 1] : "";
	const char *grand = d >= 2 ? t->elem[d - 2] : "";

	if (strcmp(parent, "name") == 0 && strcmp(grand, "diag") == 0) {
		char key[16];

		if (clm_code_key(text, key, sizeof(key)) < 3 || strlen(key) > 7)
			return clm_error_set(err, CLM_EFORMAT, t->c->src, 0,
			    "tabular diag name '%.20s' is not a code", text);
		memcpy(t->diag[d - 2], key, strlen(key) + 1);
		return 0;
	}
	if ((dd = tab_diag(t, d - 1)) < 0)
		return 0;
	if (strcmp(parent, "note") == 0 && strcmp(grand, "excludes1") == 0)
		return tab_excludes1(t, dd, text, err);
	if (strcmp(parent, "note") == 0 && strcmp(grand, "codeFirst") == 0) {
		if ((e = tab_note(t, dd, err)) == NULL)
			return -CLM_ELIMIT;
		if (!(e->flags & CLM_NOTE_CODE_FIRST))
			e->code_first = clm_csb_str(t->c->b, text, strlen(text));
		e->flags |= CLM_NOTE_CODE_FIRST;
		return 0;
	}
	if (strcmp(parent, "extension") == 0 &&
	    strcmp(grand, "sevenChrDef") == 0 && t->ext_char != '\0') {
		size_t n = strlen(t->chars[dd]);
		uint32_t *slot;

		if ((e = tab_note(t, dd, err)) == NULL)
			return -CLM_ELIMIT;
		if (n >= CLM_ICD_7TH_MAX || strchr(t->chars[dd], t->ext_char))
			return 0;
		if (n == 0)
			e->seven_desc = (uint32_t)t->c->b->sevdesc.n;
		t->chars[dd][n] = t->ext_char;
		t->chars[dd][n + 1] = '\0';
		e->seven_chars = clm_csb_str(t->c->b, t->chars[dd], n + 1);
		e->flags |= CLM_NOTE_SEVEN;
		slot = clm_csb_grow(&t->c->b->sevdesc, sizeof(*slot));
		*slot = clm_csb_str(t->c->b, text, strlen(text));
	}
	return 0;
}

static void
tab_start(struct tab *t, xmlTextReaderPtr r, const char *name, int d)
{
	snprintf(t->elem[d], sizeof(t->elem[d]), "%s", name);
	t->diag[d][0] = '\0';
	t->note[d] = -1;
	t->chars[d][0] = '\0';
	if (strcmp(name, "diag") == 0)
		memcpy(t->diag[d], "?", 2);	/* a diag, code to come */
	if (strcmp(name, "extension") == 0) {
		xmlChar *ch = xmlTextReaderGetAttribute(r, BAD_CAST "char");

		t->ext_char = ch != NULL && isalnum(ch[0]) && ch[1] == '\0' ?
		    (char)toupper(ch[0]) : '\0';
		xmlFree(ch);
	}
}

int
clm_csb_read_tabular(struct clm_csb_ctx *c, struct clm_csb_src *s, struct clm_error *err)
{
	struct xml_io io;
	struct tab *t = clm_xcalloc(1, sizeof(*t));
	xmlTextReaderPtr r = xml_open(&io, s, err);
	int got = 0, rc = 0, root = 0;

	t->c = c;
	if (r == NULL) {
		free(t);
		return -CLM_EFORMAT;
	}
	while (rc == 0 && (got = xmlTextReaderRead(r)) == 1) {
		int type = xmlTextReaderNodeType(r), d = xmlTextReaderDepth(r);
		const char *name = (const char *)xmlTextReaderConstName(r);

		if (d >= XML_MAX_DEPTH - 1) {
			rc = clm_error_set(err, CLM_ELIMIT, s->name, 0,
			    "tabular XML nested deeper than %d", XML_MAX_DEPTH);
			break;
		}
		if (type == XML_READER_TYPE_ELEMENT) {
			if (d == 0 && strcmp(name, "ICD10CM.tabular") != 0) {
				rc = clm_error_set(err, CLM_EFORMAT, s->name, 0,
				    "not an ICD-10-CM tabular XML (root <%.40s>)",
				    name);
				break;
			}
			root = 1;
			tab_start(t, r, name, d);
		} else if (type == XML_READER_TYPE_TEXT ||
		    type == XML_READER_TYPE_CDATA) {
			t->depth = d;
			rc = tab_text(t, (const char *)xmlTextReaderConstValue(r),
			    err);
		}
	}
	if (rc == 0 && got == 0 && !root)
		rc = clm_error_set(err, CLM_EFORMAT, s->name, 0,
		    "empty tabular XML");
	free(t);
	return xml_close(r, &io, got, rc, err);
}

/* ---- place of service: FHIR CodeSystem ---- */

/* "(Effective October 1, 2003)" -> 20031001, else 0. */
static long
pos_effective(const char *def)
{
	static const char *const mon[] = { "January", "February", "March",
		"April", "May", "June", "July", "August", "September",
		"October", "November", "December" };
	const char *p = def ? strstr(def, "Effective ") : NULL;

	if (p == NULL)
		return 0;
	p += 10;
	for (int m = 0; m < 12; m++) {
		size_t n = strlen(mon[m]);
		int day, y;

		if (strncmp(p, mon[m], n) == 0 &&
		    sscanf(p + n, " %d, %d", &day, &y) == 2 && y > 1900)
			return clm_date_valid(y * 10000L + (m + 1) * 100 + day) ?
			    y * 10000L + (m + 1) * 100 + day : 0;
	}
	return 0;
}

struct pos_concept {
	char code[8];
	char display[512];
	long from;
};

static int
pos_attr(struct pos_concept *pc, xmlTextReaderPtr r, const char *name)
{
	xmlChar *v = xmlTextReaderGetAttribute(r, BAD_CAST "value");
	int bad = 0;

	if (v == NULL)
		return 0;
	if (strcmp(name, "code") == 0) {
		bad = strlen((char *)v) != 2 || !isdigit(v[0]) || !isdigit(v[1]);
		snprintf(pc->code, sizeof(pc->code), "%s", (char *)v);
	} else if (strcmp(name, "display") == 0)
		snprintf(pc->display, sizeof(pc->display), "%s", (char *)v);
	else if (strcmp(name, "definition") == 0)
		pc->from = pos_effective((char *)v);
	xmlFree(v);
	return bad ? -1 : 0;
}

int
clm_csb_read_pos_xml(struct clm_csb_ctx *c, struct clm_csb_src *s, struct clm_error *err)
{
	struct xml_io io;
	struct pos_concept pc;
	xmlTextReaderPtr r = xml_open(&io, s, err);
	int got = 0, rc = 0, cdepth = -1;

	if (r == NULL)
		return -CLM_EFORMAT;
	memset(&pc, 0, sizeof(pc));
	while (rc == 0 && (got = xmlTextReaderRead(r)) == 1) {
		int type = xmlTextReaderNodeType(r), d = xmlTextReaderDepth(r);
		const char *name = (const char *)xmlTextReaderConstName(r);

		if (type == XML_READER_TYPE_ELEMENT && strcmp(name,
		    "concept") == 0 && !xmlTextReaderIsEmptyElement(r)) {
			memset(&pc, 0, sizeof(pc));
			cdepth = d;
		} else if (type == XML_READER_TYPE_ELEMENT && d == cdepth + 1) {
			if (pos_attr(&pc, r, name) < 0)
				rc = clm_error_set(err, CLM_EFORMAT, s->name, 0,
				    "place of service code '%.8s' is not two "
				    "digits", pc.code);
		} else if (type == XML_READER_TYPE_END_ELEMENT &&
		    d == cdepth && strcmp(name, "concept") == 0) {
			cdepth = -1;
			if (pc.code[0] != '\0')
				rc = clm_csb_obs(c->b, c->rel, CLM_SYS_POS, pc.code,
				    CLM_IDX_VALID, clm_csb_str(c->b, pc.display,
				    strlen(pc.display)), pc.from, pc.from ?
				    c->to : 0, err, s->name);
		}
	}
	return xml_close(r, &io, got, rc, err);
}
