/*
 * clm_x12ack - writing the 999 (005010X231A1) from the reader's events.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clm_x12.h"
#include "clm_x12ack.h"
#include "clm_x12spec.h"

#define MAX_IK4 99
#define FLUSH_AT 65536

struct ik4 {
	int el, comp;
	unsigned short ref;
	char code[4];
};

struct clm_x12ack {
	clm_x12ack_write_fn fn;
	void *ctx;
	struct clm_x12_writer w;
	char date[9], time[5];
	/* the interchange answered (first ISA and GS read) */
	int have_isa, started;
	char isa_sq[3], isa_sid[16], isa_rq[3], isa_rid[16], isa13[10];
	char gs02[16], gs03[16];
	/* the 999 being written */
	long nst999, segs;		/* sets written, segments of the open one */
	int in_group, in_set;
	char gs06[10], gs08[13];
	long sets_seen, sets_ok, sets_declared;
	char ak9[5][4];
	int nak9;
	/* the transaction set acknowledged */
	int set_bad;
	char ik5[5][4];
	int nik5;
	/* the IK3 being gathered */
	int ik3_open;
	long ik3_pos;
	char ik3_id[4], ik3_loop[8], ik3_code[4];
	struct ik4 ik4[MAX_IK4];
	int nik4;
	long accepted, rejected;
	int failed;
	struct clm_error err;
};

static void
copy_el(const struct clm_x12in_seg *s, size_t i, char *buf, size_t size,
    int trim)
{
	const char *p;
	size_t len = clm_x12in_el(s, i, &p);

	if (trim) {
		while (len > 0 && *p == ' ')
			p++, len--;
		while (len > 0 && p[len - 1] == ' ')
			len--;
	}
	if (len >= size)
		len = size - 1;
	memcpy(buf, p, len);
	buf[len] = '\0';
}

static void
flush(struct clm_x12ack *a, int force)
{
	if (a->failed || (!force && a->w.len < FLUSH_AT) || a->w.len == 0)
		return;
	if (a->fn(a->ctx, a->w.buf, a->w.len, &a->err) < 0)
		a->failed = 1;
	clm_x12_reset(&a->w);
}

static void
seg_end(struct clm_x12ack *a)
{
	clm_x12_seg_end(&a->w);
	a->segs++;
	flush(a, 0);
}

static void
el_long(struct clm_x12ack *a, long v)
{
	char buf[24];

	snprintf(buf, sizeof(buf), "%ld", v);
	clm_x12_el(&a->w, buf, NULL);
}

static void
pad(struct clm_x12ack *a, const char *v, size_t width)
{
	char buf[32];

	snprintf(buf, sizeof(buf), "%-*.*s", (int)width, (int)width, v);
	clm_x12_raw(&a->w, "*", 1);
	clm_x12_raw(&a->w, buf, width);
}

struct clm_x12ack *
clm_x12ack_new(clm_x12ack_write_fn fn, void *ctx, const char *date,
    const char *time)
{
	struct clm_x12ack *a = calloc(1, sizeof(*a));
	struct clm_x12_syntax syn = { '*', ':', '^', '~', "\n", 0 };

	if (a == NULL)
		return NULL;
	a->fn = fn;
	a->ctx = ctx;
	clm_x12_writer_init(&a->w, &syn);
	snprintf(a->date, sizeof(a->date), "%.8s", date);
	snprintf(a->time, sizeof(a->time), "%.4s", time);
	return a;
}

void
clm_x12ack_free(struct clm_x12ack *a)
{
	if (a == NULL)
		return;
	clm_x12_writer_free(&a->w);
	free(a);
}

/* ISA and GS of the response, once. */
static void
start(struct clm_x12ack *a)
{
	if (a->started)
		return;
	a->started = 1;
	clm_x12_raw(&a->w, "ISA", 3);
	pad(a, "00", 2);
	pad(a, "", 10);
	pad(a, "00", 2);
	pad(a, "", 10);
	pad(a, a->isa_rq[0] ? a->isa_rq : "ZZ", 2);
	pad(a, a->isa_rid, 15);
	pad(a, a->isa_sq[0] ? a->isa_sq : "ZZ", 2);
	pad(a, a->isa_sid, 15);
	pad(a, a->date + 2, 6);
	pad(a, a->time, 4);
	pad(a, "^", 1);
	pad(a, "00501", 5);
	pad(a, a->isa13[0] ? a->isa13 : "000000001", 9);
	pad(a, "0", 1);
	pad(a, "P", 1);
	pad(a, ":", 1);
	clm_x12_seg_end(&a->w);
	clm_x12_seg(&a->w, "GS");
	clm_x12_el(&a->w, "FA", NULL);
	clm_x12_el(&a->w, a->gs03[0] ? a->gs03 : a->isa_rid, NULL);
	clm_x12_el(&a->w, a->gs02[0] ? a->gs02 : a->isa_sid, NULL);
	clm_x12_el(&a->w, a->date, NULL);
	clm_x12_el(&a->w, a->time, NULL);
	clm_x12_el(&a->w, "1", NULL);
	clm_x12_el(&a->w, "X", NULL);
	clm_x12_el(&a->w, "005010X231A1", NULL);
	clm_x12_seg_end(&a->w);
}

static void
add_code(char list[5][4], int *n, const char *code)
{
	for (int i = 0; i < *n; i++)
		if (strcmp(list[i], code) == 0)
			return;
	if (*n < 5)
		snprintf(list[(*n)++], 4, "%s", code);
}

static void
ik3_flush(struct clm_x12ack *a)
{
	if (!a->ik3_open)
		return;
	a->ik3_open = 0;
	clm_x12_seg(&a->w, "IK3");
	clm_x12_el(&a->w, a->ik3_id[0] ? a->ik3_id : "ST", NULL);
	el_long(a, a->ik3_pos > 0 ? a->ik3_pos : 1);
	clm_x12_el(&a->w, a->ik3_loop, NULL);
	clm_x12_el(&a->w, a->nik4 > 0 ? "8" : a->ik3_code, NULL);
	seg_end(a);
	for (int i = 0; i < a->nik4; i++) {
		const struct ik4 *k = &a->ik4[i];
		char v[16];

		clm_x12_seg(&a->w, "IK4");
		clm_x12_comp_begin(&a->w);
		snprintf(v, sizeof(v), "%d", k->el);
		clm_x12_comp(&a->w, v, NULL);
		if (k->comp > 0) {
			snprintf(v, sizeof(v), "%d", k->comp);
			clm_x12_comp(&a->w, v, NULL);
		}
		if (k->ref > 0) {
			snprintf(v, sizeof(v), "%u", k->ref);
			clm_x12_el(&a->w, v, NULL);
		} else {
			clm_x12_skip(&a->w, 1);
		}
		clm_x12_el(&a->w, k->code, NULL);
		seg_end(a);
	}
	a->nik4 = 0;
}

static unsigned short
element_ref(const char *id, int el, int comp)
{
	const struct clm_x12spec_el *e = clm_x12spec_el(clm_x12spec_dict(id),
	    (size_t)el);

	if (e == NULL)
		return 0;
	if (comp > 0 && e->type == CLM_X12SPEC_COMP) {
		e = clm_x12spec_comp(e->ref, (size_t)comp);
		return e ? e->ref : 0;
	}
	return e->ref;
}

/* The IK3 segment-level code of an edit without an element. */
static const char *
segment_code(enum clm_edit e)
{
	switch (e) {
	case CLM_EDIT_X12_REQUIRED: return "3";
	case CLM_EDIT_X12_REPEAT: return "5";
	case CLM_EDIT_X12_SEGMENT_ORDER: return "7";
	default: return "2";
	}
}

static void
set_problem(struct clm_x12ack *a, const struct clm_x12in_event *ev)
{
	int el = ev->el;
	const char *code = ev->code;

	a->set_bad = 1;
	if (ev->edit == CLM_EDIT_X12_SE_COUNT) {
		add_code(a->ik5, &a->nik5, "4");
		return;
	}
	if (ev->edit == CLM_EDIT_X12_CONTROL_MISMATCH &&
	    strcmp(ev->segid, "SE") == 0) {
		add_code(a->ik5, &a->nik5, "3");
		return;
	}
	if (ev->edit == CLM_EDIT_X12_CONTROL_DUPLICATE) {
		add_code(a->ik5, &a->nik5, "23");
		return;
	}
	if (ev->edit == CLM_EDIT_X12_TRAILER_MISSING) {
		add_code(a->ik5, &a->nik5, "2");
		return;
	}
	if (ev->edit == CLM_EDIT_X12_HL_SEQUENCE ||
	    ev->edit == CLM_EDIT_X12_LX_SEQUENCE)
		el = el ? el : 1, code = code ? code : "7";
	else if (ev->edit == CLM_EDIT_X12_HL_PARENT)
		el = el ? el : 2, code = code ? code : "7";
	else if (ev->edit == CLM_EDIT_X12_LIMIT_DX)
		el = el ? el : 13, code = code ? code : "3";
	add_code(a->ik5, &a->nik5, "5");
	if (a->ik3_open && (a->ik3_pos != ev->setpos ||
	    strcmp(a->ik3_id, ev->segid) != 0))
		ik3_flush(a);
	if (!a->ik3_open) {
		a->ik3_open = 1;
		a->ik3_pos = ev->setpos;
		snprintf(a->ik3_id, sizeof(a->ik3_id), "%s", ev->segid);
		/* IK303 is 1/4: the loop number without its letter */
		snprintf(a->ik3_loop, sizeof(a->ik3_loop), "%.4s", ev->loop);
		a->ik3_code[0] = '\0';
	}
	if (el > 0 && a->nik4 < MAX_IK4) {
		struct ik4 *k = &a->ik4[a->nik4++];

		k->el = el;
		k->comp = ev->comp;
		k->ref = element_ref(a->ik3_id, el, ev->comp);
		snprintf(k->code, sizeof(k->code), "%s", code ? code : "7");
	} else if (el == 0 && a->ik3_code[0] == '\0') {
		snprintf(a->ik3_code, sizeof(a->ik3_code), "%s",
		    code ? code : segment_code(ev->edit));
	}
}

static void
group_problem(struct clm_x12ack *a, const struct clm_x12in_event *ev)
{
	if (ev->edit == CLM_EDIT_X12_GE_COUNT)
		add_code(a->ak9, &a->nak9, "5");
	else if (ev->edit == CLM_EDIT_X12_CONTROL_MISMATCH &&
	    strcmp(ev->segid, "GE") == 0)
		add_code(a->ak9, &a->nak9, "4");
	else if (ev->edit == CLM_EDIT_X12_TRAILER_MISSING)
		add_code(a->ak9, &a->nak9, "3");
}

static void
set_end(struct clm_x12ack *a)
{
	ik3_flush(a);
	clm_x12_seg(&a->w, "IK5");
	clm_x12_el(&a->w, a->set_bad ? "R" : "A", NULL);
	for (int i = 0; i < a->nik5; i++)
		clm_x12_el(&a->w, a->ik5[i], NULL);
	seg_end(a);
	a->sets_seen++;
	if (a->set_bad)
		a->rejected++;
	else
		a->sets_ok++, a->accepted++;
	a->in_set = 0;
}

static void
group_end(struct clm_x12ack *a)
{
	char v[16];

	if (a->in_set)
		set_end(a);
	clm_x12_seg(&a->w, "AK9");
	clm_x12_el(&a->w, a->nak9 > 0 || a->sets_ok == 0 ? "R" :
	    a->sets_ok == a->sets_seen ? "A" : "P", NULL);
	el_long(a, a->sets_declared >= 0 ? a->sets_declared : a->sets_seen);
	el_long(a, a->sets_seen);
	el_long(a, a->sets_ok);
	for (int i = 0; i < a->nak9; i++)
		clm_x12_el(&a->w, a->ak9[i], NULL);
	seg_end(a);
	clm_x12_seg(&a->w, "SE");
	el_long(a, a->segs + 1);
	snprintf(v, sizeof(v), "%04ld", a->nst999);
	clm_x12_el(&a->w, v, NULL);
	clm_x12_seg_end(&a->w);
	flush(a, 0);
	a->in_group = 0;
}

static void
group_start(struct clm_x12ack *a, const struct clm_x12in_seg *s)
{
	char v[16];

	if (a->in_group)
		group_end(a);
	start(a);
	a->in_group = 1;
	a->nst999++;
	a->segs = 0;
	a->sets_seen = a->sets_ok = 0;
	a->sets_declared = -1;
	a->nak9 = 0;
	copy_el(s, 6, a->gs06, sizeof(a->gs06), 1);
	copy_el(s, 8, a->gs08, sizeof(a->gs08), 1);
	clm_x12_seg(&a->w, "ST");
	clm_x12_el(&a->w, "999", NULL);
	snprintf(v, sizeof(v), "%04ld", a->nst999);
	clm_x12_el(&a->w, v, NULL);
	clm_x12_el(&a->w, "005010X231A1", NULL);
	seg_end(a);
	clm_x12_seg(&a->w, "AK1");
	clm_x12_el(&a->w, "HC", NULL);
	clm_x12_el(&a->w, a->gs06, NULL);
	clm_x12_el(&a->w, a->gs08, NULL);
	seg_end(a);
}

static void
set_start(struct clm_x12ack *a, const struct clm_x12in_seg *s)
{
	char st01[8], st02[10], st03[36];

	if (a->in_set)
		set_end(a);
	a->in_set = 1;
	a->set_bad = 0;
	a->nik5 = 0;
	a->ik3_open = 0;
	a->nik4 = 0;
	copy_el(s, 1, st01, sizeof(st01), 1);
	copy_el(s, 2, st02, sizeof(st02), 1);
	copy_el(s, 3, st03, sizeof(st03), 1);
	clm_x12_seg(&a->w, "AK2");
	clm_x12_el(&a->w, st01, NULL);
	clm_x12_el(&a->w, st02, NULL);
	clm_x12_el(&a->w, st03, NULL);
	seg_end(a);
}

void
clm_x12ack_event(void *ack, const struct clm_x12in_event *ev)
{
	struct clm_x12ack *a = ack;
	const struct clm_x12in_seg *s = ev->seg;

	switch (ev->kind) {
	case CLM_X12IN_EV_ISA:
		if (a->have_isa || s == NULL)
			break;
		a->have_isa = 1;
		copy_el(s, 5, a->isa_sq, sizeof(a->isa_sq), 1);
		copy_el(s, 6, a->isa_sid, sizeof(a->isa_sid), 1);
		copy_el(s, 7, a->isa_rq, sizeof(a->isa_rq), 1);
		copy_el(s, 8, a->isa_rid, sizeof(a->isa_rid), 1);
		copy_el(s, 13, a->isa13, sizeof(a->isa13), 1);
		break;
	case CLM_X12IN_EV_GS:
		if (s != NULL && !a->started) {
			copy_el(s, 2, a->gs02, sizeof(a->gs02), 1);
			copy_el(s, 3, a->gs03, sizeof(a->gs03), 1);
		}
		if (s != NULL)
			group_start(a, s);
		break;
	case CLM_X12IN_EV_ST:
		if (a->in_group && s != NULL)
			set_start(a, s);
		break;
	case CLM_X12IN_EV_PROBLEM:
		if (clm_edit_info(ev->edit)->severity != CLM_SEV_ERROR)
			break;
		if (a->in_set)
			set_problem(a, ev);
		else if (a->in_group)
			group_problem(a, ev);
		break;
	case CLM_X12IN_EV_SE:
		if (a->in_set)
			set_end(a);
		break;
	case CLM_X12IN_EV_GE:
		if (!a->in_group)
			break;
		if (s != NULL) {
			char v[12], *end;
			long n;

			copy_el(s, 1, v, sizeof(v), 1);
			n = strtol(v, &end, 10);
			if (*end == '\0' && v[0] != '\0')
				a->sets_declared = n;
		}
		group_end(a);
		break;
	case CLM_X12IN_EV_IEA:
		break;
	}
}

int
clm_x12ack_finish(struct clm_x12ack *a, struct clm_error *err)
{
	if (a->in_group)
		group_end(a);
	if (a->started) {
		char v[16];

		clm_x12_seg(&a->w, "GE");
		el_long(a, a->nst999);
		clm_x12_el(&a->w, "1", NULL);
		clm_x12_seg_end(&a->w);
		clm_x12_seg(&a->w, "IEA");
		clm_x12_el(&a->w, "1", NULL);
		snprintf(v, sizeof(v), "%s", a->isa13[0] ? a->isa13 :
		    "000000001");
		clm_x12_el(&a->w, v, NULL);
		clm_x12_seg_end(&a->w);
	}
	flush(a, 1);
	if (a->failed) {
		if (err != NULL)
			*err = a->err;
		return -1;
	}
	return 0;
}

void
clm_x12ack_counts(const struct clm_x12ack *a, long *accepted,
    long *rejected)
{
	*accepted = a->accepted;
	*rejected = a->rejected;
}
