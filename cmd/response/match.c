/*
 * clm-response matching: a response item to the claims of the sent
 * archive, and the status it gives them (clm-response(1), "MATCHING" and
 * "STATUS").  TA1 by ISA13, 999 by GS06 and ST02; 277CA and 835 by CLM01
 * confirmed by the echoed charge and service dates, never by CLM01 alone.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "clm_money.h"
#include "response.h"

/* 999 transaction sets acknowledged one by one in this file (GS06, ST02). */
#define MAX_COVERED 4096
static struct {
	unsigned long gs06, st02;
} covered[MAX_COVERED];
static size_t ncovered;

void
resp_match_reset(void)
{
	ncovered = 0;
}

static unsigned long
num(const char *s)
{
	return strtoul(s, NULL, 10);
}

static struct resp_result *
new_result(struct resp_ctx *x, const struct clm_resp_item *it,
    const char *file, const char *rtype)
{
	struct resp_result *r;

	if (x->n == x->cap) {
		x->cap = x->cap ? x->cap * 2 : 64;
		x->v = clm_xrealloc(x->v, x->cap * sizeof(*x->v));
	}
	r = &x->v[x->n++];
	memset(r, 0, sizeof(*r));
	r->claim = -1;
	r->edit = -1;
	snprintf(r->rtype, sizeof(r->rtype), "%s", rtype);
	snprintf(r->resp_file, sizeof(r->resp_file), "%s", file);
	r->resp_pos = it->pos;
	snprintf(r->codes, sizeof(r->codes), "%s", it->codes);
	snprintf(r->payer_ctl, sizeof(r->payer_ctl), "%s", it->payer_ctl);
	snprintf(r->payer_id, sizeof(r->payer_id), "%s", it->payer_id);
	snprintf(r->claim_id, sizeof(r->claim_id), "%s", it->clm01);
	return r;
}

static void
set_claim(struct resp_ctx *x, struct resp_result *r, size_t i)
{
	const struct clm_archive_claim *c = clm_archive_claim(x->archive, i);

	r->claim = (long)i;
	snprintf(r->claim_id, sizeof(r->claim_id), "%s", c->clm01);
	if (!r->has_billed) {
		r->has_billed = 1;
		r->billed = c->charge;
	}
}

static void finding(struct resp_result *r, int edit, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
finding(struct resp_result *r, int edit, const char *fmt, ...)
{
	va_list ap;

	r->edit = edit;
	va_start(ap, fmt);
	vsnprintf(r->msg, sizeof(r->msg), fmt, ap);
	va_end(ap);
}

/* Non-zero when v is one of the ';'-separated values of list. */
static int
in_list(const char *list, const char *v)
{
	size_t n = strlen(v);

	while (*list != '\0') {
		size_t k = strcspn(list, ";");

		if (k == n && memcmp(list, v, n) == 0)
			return 1;
		list += k + (list[k] == ';');
	}
	return 0;
}

/* A sent claim of the 999 set (GS06, ST02) whose segments hold pos. */
static int
in_claim_of_set(const struct resp_ctx *x, const struct clm_resp_item *it,
    long pos)
{
	size_t nc = clm_archive_nclaims(x->archive);

	for (size_t i = 0; i < nc; i++) {
		const struct clm_archive_claim *c =
		    clm_archive_claim(x->archive, i);
		const struct clm_archive_batch *b =
		    clm_archive_batch(x->archive, c->batch);

		if (num(b->gs06) == num(it->ref_gs06) &&
		    num(c->st02) == num(it->ref_st02) && c->seg_first > 0 &&
		    pos >= c->seg_first && pos <= c->seg_last)
			return 1;
	}
	return 0;
}

/*
 * A 999 set's IK3 loops put on the claims by segment position: when no
 * CTX*CLM01 names the claims and every IK3 points inside a claim the
 * archive knows the segment range of (an error in the set's header, or
 * one past the kept loops, concerns every claim).
 */
static int
errs_by_position(const struct resp_ctx *x, const struct clm_resp_item *it)
{
	if (it->kind != CLM_RESP_999_SET || it->ctx_claims[0] != '\0' ||
	    it->nerrs == 0 || it->errs_dropped || x->archive == NULL)
		return 0;
	for (int k = 0; k < it->nerrs; k++)
		if (it->errs[k].pos <= 0 ||
		    !in_claim_of_set(x, it, it->errs[k].pos))
			return 0;
	return 1;
}

/* The IK3 loops inside claim c's segments, after the set's IK5; 0 if
 * none. */
static int
claim_errs(const struct clm_resp_item *it, const struct clm_archive_claim *c,
    char *buf, size_t size)
{
	size_t n = (size_t)snprintf(buf, size, "%.*s",
	    (int)strcspn(it->codes, ";"), it->codes);
	int found = 0;

	for (int k = 0; k < it->nerrs; k++) {
		const struct clm_resp_err *e = &it->errs[k];

		if (e->pos < c->seg_first || e->pos > c->seg_last)
			continue;
		found = 1;
		if (n + strlen(e->codes) + 2 < size)
			n += (size_t)snprintf(buf + n, size - n, ";%s",
			    e->codes);
	}
	return found;
}

/* An envelope answer (TA1, 999) for every claim sent under it. */
static size_t
envelope_results(struct resp_ctx *x, const struct clm_resp_item *it,
    const char *file, const char *rtype, int rejected, const char *reason)
{
	size_t n = 0, nc = x->archive ? clm_archive_nclaims(x->archive) : 0;
	int by_pos = errs_by_position(x, it);

	for (size_t i = 0; i < nc; i++) {
		const struct clm_archive_claim *c =
		    clm_archive_claim(x->archive, i);
		const struct clm_archive_batch *b =
		    clm_archive_batch(x->archive, c->batch);
		struct resp_result *r;

		if (it->kind == CLM_RESP_TA1 &&
		    num(b->isa13) != num(it->ref_isa13))
			continue;
		if (it->kind == CLM_RESP_999_SET &&
		    (num(b->gs06) != num(it->ref_gs06) ||
		    num(c->st02) != num(it->ref_st02)))
			continue;
		if (it->kind == CLM_RESP_999_GROUP) {
			int skip = num(b->gs06) != num(it->ref_gs06);

			for (size_t k = 0; !skip && k < ncovered; k++)
				skip = covered[k].gs06 == num(b->gs06) &&
				    covered[k].st02 == num(c->st02);
			if (skip)
				continue;
		}
		r = new_result(x, it, file, rtype);
		set_claim(x, r, i);
		r->status = rejected ? "rejected" : "accepted";
		r->fixable = 1;
		snprintf(r->reason, sizeof(r->reason), "%s", reason);
		if (by_pos && claim_errs(it, c, r->codes, sizeof(r->codes))) {
			/* its own IK3 loops (r->codes), by segment position */
		} else if (by_pos || (it->ctx_claims[0] != '\0' &&
		    !in_list(it->ctx_claims, c->clm01))) {
			/* the errors are on claims CTX named, not this one */
			snprintf(r->codes, sizeof(r->codes), "IK5:%s", it->ack);
			snprintf(r->reason, sizeof(r->reason), "%s with its "
			    "transaction set: the errors are on other claims "
			    "(999 IK5 %s); resend unchanged", r->status,
			    it->ack);
		}
		if (rejected)
			finding(r, CLM_EDIT_RESP_REJECTED, "%s", reason);
		n++;
	}
	return n;
}

static void
unmatched(struct resp_ctx *x, const struct clm_resp_item *it,
    const char *file, const char *rtype, const char *what)
{
	struct resp_result *r = new_result(x, it, file, rtype);

	r->status = "unmatched";
	snprintf(r->reason, sizeof(r->reason), "answers %s that is not in "
	    "the sent archive", what);
	finding(r, CLM_EDIT_RESP_UNMATCHED, "%s %s", rtype, r->reason);
}

static void
match_ta1(struct resp_ctx *x, const struct clm_resp_item *it,
    const char *file)
{
	int rej = strcmp(clm_resp_status(it), "rejected") == 0;
	char why[160];

	snprintf(why, sizeof(why), rej ? "interchange rejected (TA1 R): "
	    "nothing in it was processed; fix the envelope and resend" :
	    "interchange received (TA1 %s)", it->ack);
	if (envelope_results(x, it, file, "TA1", rej, why) == 0)
		unmatched(x, it, file, "TA1", "an interchange (ISA13)");
}

static void
match_999(struct resp_ctx *x, const struct clm_resp_item *it,
    const char *file)
{
	const char *a = it->ack;
	int accepted = strcmp(clm_resp_status(it), "accepted") == 0;
	char why[200];
	size_t n;

	if (it->kind == CLM_RESP_999_SET) {
		if (ncovered < MAX_COVERED) {
			covered[ncovered].gs06 = num(it->ref_gs06);
			covered[ncovered++].st02 = num(it->ref_st02);
		}
		snprintf(why, sizeof(why), accepted ? "transaction set "
		    "accepted (999 IK5 %s)" : "transaction set rejected (999 "
		    "IK5 %s): fix the errors in codes and resend", a);
	} else {
		snprintf(why, sizeof(why), accepted ? "functional group "
		    "accepted (999 AK9 %s)" : "functional group rejected (999 "
		    "AK9 %s): fix and resend", a);
	}
	n = envelope_results(x, it, file, "999", !accepted, why);
	if (n == 0 && it->kind == CLM_RESP_999_SET)
		unmatched(x, it, file, "999", "a transaction set (GS06, ST02)");
	if (n == 0 && it->kind == CLM_RESP_999_GROUP) {
		/* all sets answered one by one, or an unknown group */
		int known = 0;

		for (size_t k = 0; k < ncovered; k++)
			known |= covered[k].gs06 == num(it->ref_gs06);
		if (!known)
			unmatched(x, it, file, "999", "a functional group "
			    "(GS06)");
	}
}

/*
 * The sent claims with this CLM01, charge and dates.  One: its index.
 * Several that are the same bill (one fingerprint, a claim resent): the
 * latest sent.  Else -1 (none) or -2 (ambiguous).
 */
/*
 * The sent claims with this CLM01, charge and dates (clm_archive_find):
 * the claim, -1 (none) or -2 (ambiguous).
 */
static long
find_claim(struct resp_ctx *x, const struct clm_resp_item *it,
    long long billed, size_t *nfound)
{
	*nfound = 0;
	if (x->archive == NULL)
		return -1;
	return clm_archive_find(x->archive, it->clm01, it->has_billed, billed,
	    it->from, it->to, nfound);
}

static void
format_adjs(const struct clm_resp_adjs *a, char *buf, size_t size)
{
	size_t n = 0;

	buf[0] = '\0';
	for (int i = 0; i < a->n && n + 40 < size; i++) {
		char amt[32];

		clm_money_format(a->v[i].cents, amt, sizeof(amt));
		n += (size_t)snprintf(buf + n, size - n, "%s%s-%s:%s",
		    n ? ";" : "", a->v[i].group, a->v[i].reason, amt);
	}
}

static void
codes_835(const struct clm_resp_adjs *a, const char *clp02, char *buf,
    size_t size)
{
	size_t n = (size_t)snprintf(buf, size, "CLP02:%s", clp02);

	for (int i = 0; i < a->n && n + 16 < size; i++)
		n += (size_t)snprintf(buf + n, size - n, ";%s-%s",
		    a->v[i].group, a->v[i].reason);
	if (a->remarks[0] != '\0' && n + strlen(a->remarks) + 8 < size)
		snprintf(buf + n, size - n, ";RARC:%s", a->remarks);
}

static const char *
reason_835(const char *status)
{
	if (strcmp(status, "paid") == 0)
		return "paid by the payer";
	if (strcmp(status, "partly-paid") == 0)
		return "paid in part: some lines were not paid";
	if (strcmp(status, "denied") == 0)
		return "denied by the payer: nothing paid and nothing left to "
		    "the patient";
	if (strcmp(status, "reversed") == 0)
		return "earlier payment reversed by the payer; a corrected "
		    "claim usually follows";
	return "payer has not decided yet (pending review or forwarded)";
}

/* Line i of the 835 claim: the sent line with its REF*6R, else by order. */
static const struct clm_archive_line *
sent_line(const struct clm_archive_claim *c, const struct clm_resp_line *l,
    size_t i)
{
	if (l->ctrl[0] != '\0')
		for (size_t k = 0; k < c->nlines; k++)
			if (strcmp(c->lines[k].ctrl, l->ctrl) == 0)
				return &c->lines[k];
	return i < c->nlines ? &c->lines[i] : NULL;
}

/* A result of a remittance read already: written, not counted again. */
static void
mark_duplicate(struct resp_result *r, const char *why)
{
	size_t n = strlen(r->codes);

	r->duplicate = 1;
	r->has_paid = r->has_pr = 0;
	if (n + 11 > sizeof(r->codes))
		n = sizeof(r->codes) - 11;	/* cut the tail, keep the mark */
	memmove(r->codes + 10, r->codes, n);
	memcpy(r->codes, "DUPLICATE;", 10);
	r->codes[n + 10] = '\0';
	snprintf(r->reason, sizeof(r->reason), "%s: not counted again", why);
}

static void
lines_835(struct resp_ctx *x, const struct clm_resp_item *it,
    const char *file, long claim, const char *dup)
{
	for (size_t i = 0; i < it->nlines; i++) {
		const struct clm_resp_line *l = &it->lines[i];
		struct resp_result *r = new_result(x, it, file, "835");
		const struct clm_archive_claim *c = claim >= 0 ?
		    clm_archive_claim(x->archive, (size_t)claim) : NULL;
		const struct clm_archive_line *row = c ? sent_line(c, l, i) :
		    NULL;

		r->is_line = 1;
		r->resp_pos = l->pos;
		r->claim = claim;
		if (c != NULL)
			snprintf(r->claim_id, sizeof(r->claim_id), "%s",
			    c->clm01);
		r->line_no = (long)i + 1;
		if (row != NULL)
			r->line_no = row->line_no;
		r->status = claim >= 0 ? clm_resp_line_status(it, l) : "unmatched";
		snprintf(r->proc, sizeof(r->proc), "%s", l->proc);
		r->has_billed = r->has_paid = r->has_pr = 1;
		r->billed = l->billed;
		r->paid = l->paid;
		r->pr = clm_resp_adj_sum(&l->adj, "PR");
		format_adjs(&l->adj, r->adjustments, sizeof(r->adjustments));
		codes_835(&l->adj, it->ack, r->codes, sizeof(r->codes));
		{
			char words[320];

			resp_reason_adjs(x, &l->adj, words, sizeof(words));
			snprintf(r->reason, sizeof(r->reason), "line %s%s%s",
			    strcmp(r->status, "denied") == 0 ? "not paid" :
			    r->status, words[0] ? ": " : "", words);
		}
		if (dup[0] != '\0')
			mark_duplicate(r, dup);
	}
}

static void
match_claim(struct resp_ctx *x, const struct clm_resp_item *it,
    const char *file, const char *rtype)
{
	int is835 = it->kind == CLM_RESP_835_CLAIM;
	long long billed = it->billed < 0 ? -it->billed : it->billed;
	struct resp_result *r = new_result(x, it, file, rtype);
	size_t nfound;
	long i = find_claim(x, it, billed, &nfound);
	char dup[200] = "";

	r->has_billed = it->has_billed;
	r->billed = it->billed;
	r->has_paid = it->has_paid;
	r->paid = it->paid;
	r->has_pr = is835;
	r->pr = it->has_pr ? it->pr : clm_resp_adj_sum(&it->adj, "PR");
	if (is835) {
		format_adjs(&it->adj, r->adjustments, sizeof(r->adjustments));
		codes_835(&it->adj, it->ack, r->codes, sizeof(r->codes));
		r->warn_unbalanced = it->unbalanced;
	}
	if (i >= 0) {
		set_claim(x, r, (size_t)i);
	} else if (i == -2) {
		r->status = "unmatched";
		snprintf(r->reason, sizeof(r->reason), "matches %zu sent "
		    "claims with this CLM01, charge and dates: link it by "
		    "hand", nfound);
		finding(r, CLM_EDIT_RESP_AMBIGUOUS, "%s %s", rtype, r->reason);
	} else {
		r->status = "unmatched";
		snprintf(r->reason, sizeof(r->reason), "no sent claim has "
		    "this CLM01 with this charge and these dates");
		finding(r, CLM_EDIT_RESP_UNMATCHED, "%s: %s", rtype,
		    r->reason);
	}
	if (i >= 0 && !is835) {
		r->status = clm_resp_status(it);
		char words[320];

		resp_reason_stc(x, it->codes, words, sizeof(words));
		snprintf(r->reason, sizeof(r->reason), "%s by the "
		    "clearinghouse or payer front end%s: %s", r->status,
		    strcmp(r->status, "rejected") == 0 ? ", fix and resend" :
		    "", words);
		r->fixable = 1;
		if (strcmp(r->status, "rejected") == 0)
			finding(r, CLM_EDIT_RESP_REJECTED, "%s", r->reason);
	} else if (i >= 0) {
		r->status = clm_resp_status(it);
		char words[320];
		struct clm_resp_adjs all = it->adj;

		/* the claim's reasons: its own CAS and MOA, then its lines' */
		for (size_t k = 0; k < it->nlines; k++)
			for (int j = 0; j < it->lines[k].adj.n &&
			    all.n < CLM_RESP_MAX_ADJ; j++)
				all.v[all.n++] = it->lines[k].adj.v[j];
		r->fixable = resp_reason_adjs(x, &all, words, sizeof(words));
		snprintf(r->reason, sizeof(r->reason), "%s%s%s",
		    reason_835(r->status), words[0] ? ": " : "", words);
		if (strcmp(r->status, "denied") == 0)
			finding(r, CLM_EDIT_RESP_DENIED, "%s", r->reason);
	}
	if (is835 && resp_dup_835(x, it, file, i >= 0 ? i : -1, dup,
	    sizeof(dup))) {
		mark_duplicate(r, dup);
		finding(r, CLM_EDIT_RESP_DUPLICATE, "835 claim: %s", dup);
	}
	if (is835)
		lines_835(x, it, file, i >= 0 ? i : -1, dup);
}

/* An 835 PLB: money the payer moved at provider level, not on a claim. */
static void
match_plb(struct resp_ctx *x, const struct clm_resp_item *it,
    const char *file)
{
	struct resp_result *r = new_result(x, it, file, "835");
	size_t n = 0;
	long long sum = 0;
	char dup[200];

	r->status = "adjusted";
	r->claim_id[0] = '\0';
	for (int k = 0; k < it->adj.n; k++) {
		const struct clm_resp_adj *a = &it->adj.v[k];
		const char *w = clm_resp_plb_words(a->reason);
		char amt[32];

		sum += a->cents;
		if (r->plb_n < 6) {
			snprintf(r->plb_code[r->plb_n], sizeof(r->plb_code[0]),
			    "%s", a->reason);
			r->plb_cents[r->plb_n++] = a->cents;
		}
		clm_money_format(a->cents < 0 ? -a->cents : a->cents, amt,
		    sizeof(amt));
		if (n + 1 < sizeof(r->adjustments))
			n += (size_t)snprintf(r->adjustments + n,
			    sizeof(r->adjustments) - n, "%sPLB-%s:%s",
			    n ? ";" : "", a->reason, a->cents < 0 ? "-" : "");
		if (n + 1 < sizeof(r->adjustments))
			n += (size_t)snprintf(r->adjustments + n,
			    sizeof(r->adjustments) - n, "%s", amt);
		if (strlen(r->reason) + 80 < sizeof(r->reason))
			snprintf(r->reason + strlen(r->reason),
			    sizeof(r->reason) - strlen(r->reason),
			    "%s%s%s%s %s %s", k ? "; " : "provider-level "
			    "adjustment, not on a claim: ", a->reason,
			    w[0] ? " " : "", w, amt, a->cents < 0 ?
			    "added to this payment" : "taken from this payment");
	}
	if (n >= sizeof(r->adjustments))
		r->adjustments[sizeof(r->adjustments) - 1] = '\0';
	r->has_paid = 1;
	r->paid = -sum;
	if (resp_dup_835(x, it, file, -1, dup, sizeof(dup))) {
		mark_duplicate(r, dup);
		finding(r, CLM_EDIT_RESP_DUPLICATE, "835 PLB: %s", dup);
	}
}

void
resp_match_item(struct resp_ctx *x, const struct clm_resp_item *it,
    const char *file)
{
	struct resp_result *r;

	switch (it->kind) {
	case CLM_RESP_TA1:
		match_ta1(x, it, file);
		break;
	case CLM_RESP_999_SET:
	case CLM_RESP_999_GROUP:
		match_999(x, it, file);
		break;
	case CLM_RESP_277_CLAIM:
		match_claim(x, it, file, "277CA");
		break;
	case CLM_RESP_835_CLAIM:
		match_claim(x, it, file, "835");
		break;
	case CLM_RESP_835_PLB:
		match_plb(x, it, file);
		break;
	default:
		r = new_result(x, it, file, "-");
		r->status = NULL;	/* not an output record */
		finding(r, CLM_EDIT_RESP_NOT_READ, "transaction set %s is "
		    "not a 999, 277CA or 835: skipped", it->ack);
		break;
	}
}
