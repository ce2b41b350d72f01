/*
 * clm_x12in_env - the X12 envelopes of the 837P reader: ISA/IEA, GS/GE,
 * ST/SE, their counts and control numbers, and which transaction sets are
 * read at all (837P only; 837I, 837D and other sets are a fatal error).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clm_x12in_impl.h"

/* Element i trimmed of padding into buf (control numbers, counts). */
static const char *
el_trim(const struct clm_x12in_seg *s, size_t i, char *buf, size_t size)
{
	const char *p;
	size_t len = clm_x12in_el(s, i, &p);

	while (len > 0 && *p == ' ') {
		p++;
		len--;
	}
	while (len > 0 && p[len - 1] == ' ')
		len--;
	if (len >= size)
		len = size - 1;
	memcpy(buf, p, len);
	buf[len] = '\0';
	return buf;
}

/* Numeric value of element i, -1 when it is not a number. */
static long
el_num(const struct clm_x12in_seg *s, size_t i)
{
	char buf[24], *end;
	long v;

	el_trim(s, i, buf, sizeof(buf));
	if (buf[0] == '\0')
		return -1;
	v = strtol(buf, &end, 10);
	return *end == '\0' && v >= 0 ? v : -1;
}

static void
missing(struct clm_x12in *x, const struct clm_x12in_seg *s, const char *what)
{
	x->trailer = 1;
	clm_x12in_find(x, s, CLM_EDIT_X12_TRAILER_MISSING, "", "%s", what);
	x->trailer = 0;
}

void
clm_x12in_env_missing(struct clm_x12in *x, const struct clm_x12in_seg *s)
{
	int isa = CLM_X12IN_IS(s, "ISA"), gs = CLM_X12IN_IS(s, "GS");

	if (x->in_st && (isa || gs || CLM_X12IN_IS(s, "ST"))) {
		clm_x12in_claim_check_early(x);
		missing(x, s, "transaction set not closed by SE before this "
		    "segment");
		clm_x12in_event(x, CLM_X12IN_EV_SE, NULL);
		x->in_st = 0;
		x->loop = L_NONE;
	}
	if (x->in_gs && (isa || gs)) {
		missing(x, s, "functional group not closed by GE before this "
		    "segment");
		clm_x12in_event(x, CLM_X12IN_EV_GE, NULL);
		x->in_gs = 0;
	}
	if (x->in_isa && isa) {
		missing(x, s, "interchange not closed by IEA before this "
		    "segment");
		clm_x12in_event(x, CLM_X12IN_EV_IEA, NULL);
		x->in_isa = 0;
	}
}

void
clm_x12in_env_eof(struct clm_x12in *x)
{
	if (x->in_st) {
		clm_x12in_claim_check_early(x);
		missing(x, NULL, "transaction set not closed by SE");
		clm_x12in_event(x, CLM_X12IN_EV_SE, NULL);
	}
	if (x->in_gs) {
		missing(x, NULL, "functional group not closed by GE");
		clm_x12in_event(x, CLM_X12IN_EV_GE, NULL);
	}
	if (x->in_isa) {
		missing(x, NULL, "interchange not closed by IEA");
		clm_x12in_event(x, CLM_X12IN_EV_IEA, NULL);
	}
	x->in_st = x->in_gs = x->in_isa = 0;
}

static void
reset_levels(struct clm_x12in *x, enum clm_x12in_levelid from)
{
	for (int i = (int)from; i < LV_COUNT; i++)
		clm_x12in_level_reset(&x->lv[i]);
}

/*
 * Receivers reject a control number used twice (TA1 025 for ISA13, AK9 for
 * GS06, IK5 for ST02): say so when val was seen before in set.
 */
static void
unique_control(struct clm_x12in *x, const struct clm_x12in_seg *s,
    struct clm_x12in_ctlset *set, const char *val, const char *what)
{
	uint64_t h = 1469598103934665603ULL;

	for (const char *p = val; *p != '\0'; p++)
		h = (h ^ (unsigned char)*p) * 1099511628211ULL;
	for (size_t i = 0; i < set->n; i++) {
		if (set->v[i] != h)
			continue;
		clm_x12in_find(x, s, CLM_EDIT_X12_CONTROL_DUPLICATE, "", "%s "
		    "control number '%s' was already used by an earlier %s",
		    s->id, val, what);
		return;
	}
	if (set->n < X12IN_CTL_MAX)
		set->v[set->n++] = h;
}

static int
isa(struct clm_x12in *x, const struct clm_x12in_seg *s)
{
	char buf[16];

	reset_levels(x, LV_ISA);
	x->in_isa = 1;
	x->ngs = 0;
	el_trim(s, 13, x->isa13, sizeof(x->isa13));
	unique_control(x, s, &x->isa_seen, x->isa13,
	    "interchange in this file (ISA13)");
	x->gs_seen.n = 0;
	if (s->isa_irregular)
		clm_x12in_find(x, s, CLM_EDIT_X12_ISA_FORMAT, "", "the interchange "
		    "header is not 106 characters with fixed-width elements; "
		    "delimiters read after its 16th element");
	clm_x12in_event(x, CLM_X12IN_EV_ISA, s);
	if (strcmp(el_trim(s, 12, buf, sizeof(buf)), "00501") != 0)
		clm_x12in_find_at(x, s, CLM_EDIT_X12_CODE, 12, 0, "7", "ISA12 "
		    "version '%.5s' is not 00501, the version of every 5010 "
		    "guide", buf);
	return 0;
}

static int
gs(struct clm_x12in *x, const struct clm_x12in_seg *s)
{
	if (!x->in_isa)
		clm_x12in_find(x, s, CLM_EDIT_X12_SEGMENT_UNEXPECTED, "",
		    "functional group header outside an interchange");
	reset_levels(x, LV_GS);
	x->in_gs = 1;
	x->ngs++;
	x->nst = 0;
	el_trim(s, 6, x->gs06, sizeof(x->gs06));
	el_trim(s, 8, x->gs08, sizeof(x->gs08));
	unique_control(x, s, &x->gs_seen, x->gs06,
	    "functional group in this interchange (GS06)");
	x->st_seen.n = 0;
	clm_x12in_event(x, CLM_X12IN_EV_GS, s);
	return 0;
}

/* Refuse what is not an 837P; warn about 837P variants read anyway. */
static int
check_version(struct clm_x12in *x, const struct clm_x12in_seg *s,
    struct clm_error *err)
{
	char st01[8], v[40];

	el_trim(s, 1, st01, sizeof(st01));
	el_trim(s, 3, v, sizeof(v));
	if (v[0] == '\0')
		snprintf(v, sizeof(v), "%s", x->gs08);
	if (strcmp(st01, "837") != 0)
		return clm_error_set(err, CLM_EFORMAT, x->name, 0,
		    "segment %ld (ST): transaction set %s is not an 837P: "
		    "clm-parse reads 837P claims only", s->pos, st01);
	if (strstr(v, "X223") != NULL || strstr(v, "X224") != NULL)
		return clm_error_set(err, CLM_EFORMAT, x->name, 0,
		    "segment %ld (ST): the transaction set is an 837%s "
		    "(%s): not supported yet, clm-parse reads 837P "
		    "(005010X222A1) only", s->pos, strstr(v, "X223") ?
		    "I, institutional" : "D, dental", v);
	if (strstr(v, "X222") == NULL)
		return clm_error_set(err, CLM_EFORMAT, x->name, 0,
		    "segment %ld (ST): 837 version '%s' is not supported: "
		    "clm-parse reads 837P 005010X222A1", s->pos, v);
	if (strcmp(v, "005010X222A1") != 0)
		clm_x12in_find(x, s, CLM_EDIT_X12_VERSION, "", "version %s "
		    "is not 005010X222A1; read as 005010X222A1", v);
	return 0;
}

static int
st(struct clm_x12in *x, const struct clm_x12in_seg *s,
    struct clm_error *err)
{
	if (!x->in_gs)
		clm_x12in_find(x, s, CLM_EDIT_X12_SEGMENT_UNEXPECTED, "",
		    "transaction set header outside a functional group");
	reset_levels(x, LV_ST);
	x->in_st = 1;
	x->st_seg = 1;
	x->nst++;
	x->loop = L_HDR;
	x->hl_last = x->hl_bill = x->hl_sub = 0;
	x->hl_level = 0;
	el_trim(s, 2, x->st02, sizeof(x->st02));
	x->order_loop = L_HDR;
	x->order_last = 0;
	x->nrep = 0;
	clm_x12in_event(x, CLM_X12IN_EV_ST, s);
	unique_control(x, s, &x->st_seen, x->st02,
	    "transaction set in this group (ST02)");
	return check_version(x, s, err);
}

static void
control(struct clm_x12in *x, const struct clm_x12in_seg *s, size_t el,
    const char *want, const char *hdr)
{
	char got[16];

	if (strcmp(el_trim(s, el, got, sizeof(got)), want) != 0)
		clm_x12in_find(x, s, CLM_EDIT_X12_CONTROL_MISMATCH, "", "%s%02zu "
		    "control number '%s' differs from %s '%s'", s->id, el,
		    got, hdr, want);
}

static void
count(struct clm_x12in *x, const struct clm_x12in_seg *s, enum clm_edit e,
    long want, const char *what)
{
	long got = el_num(s, 1);

	if (got != want)
		clm_x12in_find(x, s, e, "", "%s01 says %ld %s, there are %ld",
		    s->id, got, what, want);
}

static void
trailer(struct clm_x12in *x, const struct clm_x12in_seg *s)
{
	x->trailer = 1;
	if (CLM_X12IN_IS(s, "SE")) {
		if (!x->in_st)
			clm_x12in_find(x, s, CLM_EDIT_X12_SEGMENT_UNEXPECTED, "",
			    "SE without an open transaction set");
		count(x, s, CLM_EDIT_X12_SE_COUNT, x->st_seg, "segments");
		if (x->in_st && x->hl_last == 0) {
			x->f_segid = "HL";
			clm_x12in_find(x, s, CLM_EDIT_X12_REQUIRED, "", "loop 2000A "
			    "(billing provider HL) is missing: the transaction "
			    "set has no claims");
		}
		control(x, s, 2, x->st02, "ST02");
		x->trailer = 0;
		clm_x12in_loop_close(x, s);
		x->trailer = 1;
		clm_x12in_claim_check_early(x);
		clm_x12in_event(x, CLM_X12IN_EV_SE, s);
		x->in_st = 0;
		x->loop = L_NONE;
	} else if (CLM_X12IN_IS(s, "GE")) {
		if (!x->in_gs)
			clm_x12in_find(x, s, CLM_EDIT_X12_SEGMENT_UNEXPECTED, "",
			    "GE without an open functional group");
		count(x, s, CLM_EDIT_X12_GE_COUNT, x->nst, "transaction sets");
		control(x, s, 2, x->gs06, "GS06");
		clm_x12in_event(x, CLM_X12IN_EV_GE, s);
		x->in_gs = 0;
	} else {
		if (!x->in_isa)
			clm_x12in_find(x, s, CLM_EDIT_X12_SEGMENT_UNEXPECTED, "",
			    "IEA without an open interchange");
		count(x, s, CLM_EDIT_X12_IEA_COUNT, x->ngs,
		    "functional groups");
		control(x, s, 2, x->isa13, "ISA13");
		clm_x12in_event(x, CLM_X12IN_EV_IEA, s);
		x->in_isa = 0;
	}
	x->trailer = 0;
}

/* Handle an envelope segment: 1 done, 0 not an envelope segment. */
int
clm_x12in_envelope(struct clm_x12in *x, const struct clm_x12in_seg *s,
    struct clm_error *err)
{
	int rc = 0;

	if (CLM_X12IN_IS(s, "ISA") || CLM_X12IN_IS(s, "GS") ||
	    CLM_X12IN_IS(s, "ST"))
		clm_x12in_env_missing(x, s);
	if (CLM_X12IN_IS(s, "ISA"))
		rc = isa(x, s);
	else if (CLM_X12IN_IS(s, "GS"))
		rc = gs(x, s);
	else if (CLM_X12IN_IS(s, "ST"))
		rc = st(x, s, err);
	else if (CLM_X12IN_IS(s, "SE") || CLM_X12IN_IS(s, "GE") ||
	    CLM_X12IN_IS(s, "IEA"))
		trailer(x, s);
	else
		return 0;
	return rc < 0 ? rc : 1;
}
