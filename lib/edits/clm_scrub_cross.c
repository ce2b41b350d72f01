/*
 * clm-scrub: edits across lines and claims (NCCI PTP, MUE per day,
 * duplicate claims) in bounded memory.
 *
 * Service lines seen go into a ring of `lookback` entries, chained by
 * bucket of patient+date key, newest first; the ring overwrites its oldest
 * entry, and a chain ends at the first overwritten link, so lookups never
 * see stale entries and memory never grows.  Claims are held in a FIFO of
 * `window` claims so that a conflict found on a later claim can be written
 * on the earlier one too; a claim that left the window is already written,
 * and then only the later claim carries the finding (counted, and noted).
 * Duplicates: each distinct claim takes a 16-byte entry (fingerprint,
 * claim number, line) in a log allocated by the block, and a 4-byte slot
 * (log index and 8 fingerprint bits) in an open-addressing table at most
 * three quarters full: 21 to 27 bytes per claim, about 27 MB per million
 * at most, up to DUP_MAX claims (then duplicates of later claims are no
 * longer looked for, and a note says so).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clm_date.h"
#include "clm_scrub.h"

#define DUP_MAX ((1UL << 24) - 1)	/* log index + 1 fits 24 bits */
#define DUP_BLOCK 65536			/* log entries per block (1 MB) */
#define MEMO_SIZE 4096		/* MUE lookups remembered (direct-mapped) */
/* PTP lookups remembered: a claim's lines pair with each other both ways,
 * and practices bill the same few pairs on every date of service */
#define PTP_MEMO_SIZE 32768

/* The code-set answers for a pair or a code on a date, remembered: a
 * practice bills few distinct codes, and each lookup is a binary search. */
struct ptp_memo {		/* 32 bytes: the table stays in cache */
	int32_t date;		/* 0 = empty */
	int32_t eff, del;
	char a[8], b[8];
	signed char found, mi;
};

struct mue_memo {
	long date;
	char code[8];
	int found;
	struct clm_mue mue;
};

struct svc {
	uint64_t seq;		/* entry number, 0 = empty */
	uint64_t next;		/* older entry of the bucket, 0 = none */
	uint64_t key;		/* patient + date of service */
	uint64_t claim_seq;
	uint64_t rend;		/* rendering provider (hash) */
	uint64_t bill;		/* billing provider (hash) */
	double units;
	long line;
	long date;
	char proc[8];
	char mods[4][3];
	char claim_id[40];
};

struct held {
	uint64_t seq;		/* claim number, 0 = slot free */
	uint64_t fp;		/* duplicate fingerprint */
	struct clm_item it;
};

struct dup_entry {		/* 16 bytes: the log is per distinct claim */
	uint64_t fp;		/* 0 = empty slot */
	uint32_t claim_seq;	/* claim number (low 32 bits) */
	uint32_t line;		/* input line where the claim starts */
};

/* The input each claim came from: a new entry where the file changes. */
struct dup_file {
	uint64_t first_seq;
	const char *name;
};

struct clm_scrub_cross {
	struct svc *ring;
	uint64_t *buckets;
	uint64_t mask;
	uint64_t next_svc;
	struct held *win;
	unsigned long nwin;
	uint64_t nclaims;	/* claims seen; the current one's number */
	uint64_t first_held;	/* oldest claim still held */
	struct dup_entry *dup_log[DUP_MAX / DUP_BLOCK + 1];
	size_t ndup;
	uint32_t *dup_slots;	/* tag << 24 | (log index + 1); 0 = empty */
	size_t dup_cap;		/* slots, a power of two */
	struct dup_file *files;
	size_t nfiles;
	unsigned long late_only, evicted, dup_full;
	uint64_t *sent;		/* fingerprints for --history-append */
	size_t nsent, sent_cap;
	struct ptp_memo *ptp_memo;
	struct mue_memo *mue_memo;
};

/* The claim being checked, with what the cross edits need of it. */
struct cur {
	struct clm_scrub_ctx *sc;
	struct clm_claim *c;
	const struct clm_header *h;
	struct clm_findings *f;
	uint64_t seq;
	const char *id;
	uint64_t fp;
	int alone;		/* replacement or void: compared with itself only */
};

static uint64_t
pow2_at_least(unsigned long n)
{
	uint64_t p = 16;

	while (p < n)
		p <<= 1;
	return p;
}

struct clm_scrub_cross *
clm_scrub_cross_new(unsigned long window, unsigned long lookback)
{
	struct clm_scrub_cross *x = clm_xcalloc(1, sizeof(*x));
	uint64_t cap = pow2_at_least(lookback);

	/* calloc: pages are only touched as the ring fills */
	x->ring = clm_xcalloc(cap, sizeof(*x->ring));
	x->buckets = clm_xcalloc(cap, sizeof(*x->buckets));
	x->mask = cap - 1;
	x->next_svc = 1;
	x->nwin = window;
	if (window > 0)
		x->win = clm_xcalloc(window, sizeof(*x->win));
	x->first_held = 1;
	x->ptp_memo = clm_xcalloc(PTP_MEMO_SIZE, sizeof(*x->ptp_memo));
	x->mue_memo = clm_xcalloc(MEMO_SIZE, sizeof(*x->mue_memo));
	return x;
}

void
clm_scrub_cross_free(struct clm_scrub_cross *x)
{
	if (x == NULL)
		return;
	for (unsigned long i = 0; i < x->nwin; i++) {
		clm_item_free(&x->win[i].it);
	}
	free(x->win);
	free(x->ring);
	free(x->buckets);
	for (size_t b = 0; b * DUP_BLOCK < x->ndup; b++)
		free(x->dup_log[b]);
	free(x->dup_slots);
	free(x->files);
	free(x->sent);
	free(x->ptp_memo);
	free(x->mue_memo);
	free(x);
}

static struct held *
held_claim(struct clm_scrub_cross *x, uint64_t seq)
{
	struct held *hd;

	if (x->nwin == 0 || seq == 0)
		return NULL;
	hd = &x->win[seq % x->nwin];
	return hd->seq == seq ? hd : NULL;
}

/* ---- duplicates ---- */

static struct dup_entry *
dup_at(const struct clm_scrub_cross *x, size_t k)
{
	return &x->dup_log[k / DUP_BLOCK][k % DUP_BLOCK];
}

/* The slot value of log entry k: 8 fingerprint bits the home slot does
 * not use, so that a probe rarely has to read the log. */
static uint32_t
dup_slot_value(uint64_t fp, size_t k)
{
	return (uint32_t)(fp >> 56) << 24 | (uint32_t)(k + 1);
}

static void
dup_place(struct clm_scrub_cross *x, uint64_t fp, size_t k)
{
	size_t j = fp & (x->dup_cap - 1);

	while (x->dup_slots[j] != 0)
		j = (j + 1) & (x->dup_cap - 1);
	x->dup_slots[j] = dup_slot_value(fp, k);
}

static void
dup_grow(struct clm_scrub_cross *x)
{
	x->dup_cap = x->dup_cap ? x->dup_cap * 2 : 4096;
	free(x->dup_slots);
	x->dup_slots = clm_xcalloc(x->dup_cap, sizeof(*x->dup_slots));
	for (size_t k = 0; k < x->ndup; k++)
		dup_place(x, dup_at(x, k)->fp, k);
}

static void
note_file(struct clm_scrub_cross *x, const struct cur *cu)
{
	const char *name = cu->c->file ? cu->c->file : "-";

	if (x->nfiles > 0 && strcmp(x->files[x->nfiles - 1].name, name) == 0)
		return;
	x->files = clm_xrealloc(x->files, (x->nfiles + 1) * sizeof(*x->files));
	x->files[x->nfiles].first_seq = cu->seq;
	x->files[x->nfiles++].name = name;
}

/* The full claim number and input name of a table entry. */
static const char *
dup_origin(const struct clm_scrub_cross *x, const struct dup_entry *d,
    uint64_t now, uint64_t *seq)
{
	const char *name = "-";

	/* claim numbers below now that share the low 32 bits: the latest */
	*seq = (now & ~(uint64_t)0xffffffffU) | d->claim_seq;
	if (*seq > now)
		*seq -= 1ULL << 32;
	for (size_t i = 0; i < x->nfiles && x->files[i].first_seq <= *seq; i++)
		name = x->files[i].name;
	return name;
}

/* The earlier claim with fingerprint fp, or NULL after adding this one. */
static const struct dup_entry *
dup_find_or_add(struct clm_scrub_cross *x, uint64_t fp, const struct cur *cu)
{
	uint32_t tag = dup_slot_value(fp, 0) & 0xff000000U;
	struct dup_entry *e;
	size_t j;

	if (x->ndup >= DUP_MAX) {
		x->dup_full++;
		return NULL;
	}
	if (4 * (x->ndup + 1) > 3 * x->dup_cap)
		dup_grow(x);
	for (j = fp & (x->dup_cap - 1); x->dup_slots[j] != 0;
	    j = (j + 1) & (x->dup_cap - 1)) {
		uint32_t v = x->dup_slots[j];

		if ((v & 0xff000000U) == tag &&
		    (e = dup_at(x, (v & 0xffffffU) - 1))->fp == fp)
			return e;
	}
	if (x->ndup % DUP_BLOCK == 0)
		x->dup_log[x->ndup / DUP_BLOCK] = clm_xmalloc(DUP_BLOCK *
		    sizeof(struct dup_entry));
	e = dup_at(x, x->ndup);
	e->fp = fp;
	e->claim_seq = (uint32_t)cu->seq;
	e->line = (uint32_t)cu->c->rows[0]->line;
	x->dup_slots[j] = dup_slot_value(fp, x->ndup);
	note_file(x, cu);
	x->ndup++;
	return NULL;
}

/* DUP-CLAIM; returns 1 when the claim repeats one of this input. */
static int
check_dup_claim(struct clm_scrub_cross *x, const struct cur *cu)
{
	const char *freq = clm_row_get(cu->c->rows[0], cu->h,
	    CLM_COL_CLAIM_FREQ);
	uint64_t fp = cu->fp;
	const struct dup_entry *d;
	struct held *hd;
	long sent;
	uint64_t seq;
	const char *file;

	if (strcmp(freq, "7") == 0 || strcmp(freq, "8") == 0)
		return 0;	/* a replacement or void repeats on purpose */
	if (cu->sc->hist != NULL &&
	    clm_history_contains(cu->sc->hist, fp, &sent))
		clm_finding_add(cu->f, CLM_EDIT_DUP_CLAIM, 0, "claim_id",
		    "this claim was already sent on %08ld (history %s); send "
		    "it again only as a replacement (claim_freq 7)", sent,
		    cu->sc->history_path);
	if ((d = dup_find_or_add(x, fp, cu)) == NULL)
		return 0;
	file = dup_origin(x, d, cu->seq, &seq);
	hd = held_claim(x, seq);
	if (hd != NULL)
		clm_finding_add(cu->f, CLM_EDIT_DUP_CLAIM, 0, "claim_id",
		    "repeats claim %s (%s line %ld): same patient, payer, "
		    "billing provider, dates, codes, units and charges",
		    clm_claim_id(&hd->it.c, cu->h), file, (long)d->line);
	else
		clm_finding_add(cu->f, CLM_EDIT_DUP_CLAIM, 0, "claim_id",
		    "repeats the claim at %s line %ld: same patient, payer, "
		    "billing provider, dates, codes, units and charges",
		    file, (long)d->line);
	return 1;
}

/* ---- service lines ---- */

static struct svc *
svc_link(const struct clm_scrub_cross *x, uint64_t seq)
{
	struct svc *e;

	if (seq == 0)
		return NULL;
	e = &x->ring[seq & x->mask];
	return e->seq == seq ? e : NULL;
}

static void
svc_insert(struct clm_scrub_cross *x, const struct svc *s)
{
	uint64_t seq = x->next_svc++;
	struct svc *e = &x->ring[seq & x->mask];
	uint64_t *bucket = &x->buckets[s->key & x->mask];

	x->evicted += e->seq != 0;
	*e = *s;
	e->seq = seq;
	e->next = *bucket;
	*bucket = seq;
}

static uint64_t
hash_str(uint64_t seed, const char *s)
{
	return clm_history_hash(seed, s, strlen(s));
}

/* Truncating copy (snprintf's "%s" cost a tenth of the run). */
static void
copy_code(char *dst, size_t size, const char *src)
{
	size_t n = strnlen(src, size - 1);

	memcpy(dst, src, n);
	dst[n] = '\0';
}

static int
make_svc(const struct cur *cu, const struct clm_row *row, uint64_t patient,
    struct svc *s)
{
	const struct clm_header *h = cu->h;
	const char *rend = clm_row_get(row, h, CLM_COL_LINE_REND_NPI);

	memset(s, 0, sizeof(*s));
	s->date = clm_date_parse(clm_row_get(row, h, CLM_COL_DOS_FROM));
	if (s->date == 0 || *clm_row_get(row, h, CLM_COL_PROC) == '\0')
		return 0;
	if (*rend == '\0')
		rend = clm_row_get(row, h, CLM_COL_REND_NPI);
	if (*rend == '\0')
		rend = clm_row_get(row, h, CLM_COL_BILL_NPI);
	s->key = clm_history_hash(patient, (const char *)&s->date,
	    sizeof(s->date));
	if (cu->alone)		/* a key no other claim has */
		s->key = clm_history_hash(s->key, (const char *)&cu->seq,
		    sizeof(cu->seq));
	s->claim_seq = cu->seq;
	s->rend = hash_str(1, rend);
	s->bill = hash_str(2, clm_row_get(row, h, CLM_COL_BILL_NPI));
	clm_scrub_number(clm_row_get(row, h, CLM_COL_UNITS), &s->units);
	s->line = clm_scrub_line_no(row, h);
	copy_code(s->proc, sizeof(s->proc), clm_row_get(row, h, CLM_COL_PROC));
	for (int i = 0; i < 4; i++)
		copy_code(s->mods[i], sizeof(s->mods[i]),
		    clm_row_get(row, h, CLM_COL_MOD(i + 1)));
	copy_code(s->claim_id, sizeof(s->claim_id), cu->id);
	return 1;
}

static int
has_mod(const struct svc *s, const char *m)
{
	for (int i = 0; i < 4; i++)
		if (strcmp(s->mods[i], m) == 0)
			return 1;
	return 0;
}

static int
is_em(const char *proc)
{
	return strlen(proc) == 5 && strncmp(proc, "99", 2) == 0 &&
	    strcmp(proc, "99202") >= 0 && strcmp(proc, "99499") <= 0;
}

static int
is_anatomic(const char *m)
{
	static const char *const list[] = { "LT", "RT", "LC", "LD", "LM",
	    "RC", "RI", "E1", "E2", "E3", "E4", "FA", "F1", "F2", "F3", "F4",
	    "F5", "F6", "F7", "F8", "F9", "TA", "T1", "T2", "T3", "T4", "T5",
	    "T6", "T7", "T8", "T9" };

	for (size_t i = 0; i < sizeof(list) / sizeof(list[0]); i++)
		if (strcmp(m, list[i]) == 0)
			return 1;
	return 0;
}

/*
 * NCCI-associated modifiers (NCCI Policy Manual ch. I; the CMS list):
 * 59, XE, XP, XS, XU, 91, 24, 27, 58, 78, 79 on either code of the pair
 * (CMS asks for the column-two code, and the edit is bypassed by either);
 * 25 and 57 only on the code of the pair that is an E/M service; an
 * anatomic modifier on one code that the other code does not carry.
 */
static int
ptp_bypassed(const struct svc *col1, const struct svc *col2)
{
	static const char *const either[] = { "59", "XE", "XP", "XS", "XU",
	    "91", "24", "27", "58", "78", "79" };

	for (size_t i = 0; i < sizeof(either) / sizeof(either[0]); i++)
		if (has_mod(col1, either[i]) || has_mod(col2, either[i]))
			return 1;
	if ((is_em(col2->proc) && (has_mod(col2, "25") || has_mod(col2, "57")))
	    || (is_em(col1->proc) && (has_mod(col1, "25") ||
	    has_mod(col1, "57"))))
		return 1;
	for (int i = 0; i < 4; i++)
		if ((is_anatomic(col2->mods[i]) && !has_mod(col1, col2->mods[i]))
		    || (is_anatomic(col1->mods[i]) &&
		    !has_mod(col2, col1->mods[i])))
			return 1;
	return 0;
}

static size_t
memo_slot(const char *a, const char *b, long date)
{
	uint64_t hsh = clm_history_hash((uint64_t)date, a, strlen(a));

	return (size_t)clm_history_hash(hsh, b, strlen(b));
}

static int
memo_ptp(struct clm_scrub_cross *x, const struct clm_codeset *cs, const char *a,
    const char *b, long date, struct clm_ptp *ptp)
{
	struct ptp_memo *m = &x->ptp_memo[memo_slot(a, b, date) &
	    (PTP_MEMO_SIZE - 1)];

	if (m->date != date || strcmp(m->a, a) != 0 || strcmp(m->b, b) != 0) {
		memset(ptp, 0, sizeof(*ptp));
		m->found = (signed char)clm_codeset_ptp(cs, a, b, date, ptp);
		/* dates are CCYYMMDD (8 digits): they fit 32 bits */
		m->date = (int32_t)date;
		m->eff = (int32_t)ptp->eff;
		m->del = (int32_t)ptp->del;
		m->mi = (signed char)ptp->modifier_ind;
		copy_code(m->a, sizeof(m->a), a);
		copy_code(m->b, sizeof(m->b), b);
		return m->found;
	}
	ptp->eff = m->eff;
	ptp->del = m->del;
	ptp->modifier_ind = m->mi;
	return m->found;
}

static int
memo_mue(struct clm_scrub_cross *x, const struct clm_codeset *cs,
    const char *code, long date, struct clm_mue *mue)
{
	struct mue_memo *m = &x->mue_memo[memo_slot(code, "", date) &
	    (MEMO_SIZE - 1)];

	if (m->date != date || strcmp(m->code, code) != 0) {
		m->date = date;
		copy_code(m->code, sizeof(m->code), code);
		m->found = clm_codeset_mue(cs, code, date, &m->mue);
	}
	*mue = m->mue;
	return m->found;
}

/* Which of a and b is column one; 1 and *ptp filled, or 0 (no edit). */
static int
ptp_lookup(struct clm_scrub_cross *x, const struct clm_codeset *cs,
    const struct svc *a, const struct svc *b, const struct svc **col1,
    const struct svc **col2, struct clm_ptp *ptp)
{
	if (memo_ptp(x, cs, a->proc, b->proc, a->date, ptp) &&
	    ptp->modifier_ind != 9) {
		*col1 = a;
		*col2 = b;
		return 1;
	}
	if (memo_ptp(x, cs, b->proc, a->proc, a->date, ptp) &&
	    ptp->modifier_ind != 9) {
		*col1 = b;
		*col2 = a;
		return 1;
	}
	return 0;
}

/* Where a line is, as seen from the claim that carries the finding. */
static void
where(char *buf, size_t size, const struct svc *s, uint64_t claim_seq)
{
	if (s->claim_seq == claim_seq)
		snprintf(buf, size, "line %ld", s->line);
	else
		snprintf(buf, size, "claim %s line %ld", s->claim_id, s->line);
}

/* A PTP finding on line `line` of the claim numbered claim_seq. */
static void
ptp_finding(struct clm_findings *f, const struct clm_ptp *ptp, long line,
    uint64_t claim_seq, const struct svc *col1, const struct svc *col2)
{
	char w1[96], w2[96];

	where(w1, sizeof(w1), col1, claim_seq);
	where(w2, sizeof(w2), col2, claim_seq);
	if (ptp->modifier_ind == 0)
		clm_finding_add(f, CLM_EDIT_NCCI_PTP_NEVER, line, "proc",
		    "%s (%s) is bundled into %s (%s) for the same patient, date "
		    "and rendering provider; NCCI modifier indicator 0: no "
		    "modifier allows the pair, remove %s", col2->proc, w2,
		    col1->proc, w1, col2->proc);
	else
		clm_finding_add(f, CLM_EDIT_NCCI_PTP, line, "proc",
		    "%s (%s) is bundled into %s (%s) for the same patient, date "
		    "and rendering provider; if the services were distinct, add "
		    "an NCCI-associated modifier (59, XE, XP, XS, XU, or an "
		    "anatomic one) to %s, else remove it", col2->proc, w2,
		    col1->proc, w1, col2->proc);
}

/* A PTP pair between the current line s and an earlier line e. */
static void
report_ptp(struct clm_scrub_cross *x, const struct cur *cu, const struct svc *s,
    const struct svc *e, const struct clm_ptp *ptp, const struct svc *col1,
    const struct svc *col2)
{
	struct held *hd;

	if (e->claim_seq == cu->seq) {
		ptp_finding(cu->f, ptp, col2->line, cu->seq, col1, col2);
		return;
	}
	ptp_finding(cu->f, ptp, s->line, cu->seq, col1, col2);
	hd = held_claim(x, e->claim_seq);
	if (hd == NULL) {
		x->late_only++;
		return;
	}
	ptp_finding(&hd->it.f, ptp, e->line, e->claim_seq, col1, col2);
}

/* An audit note on the current claim's line of the pair. */
static void
bypass_finding(const struct cur *cu, const struct svc *s,
    const struct svc *col1, const struct svc *col2)
{
	char w1[96], w2[96];

	where(w1, sizeof(w1), col1, cu->seq);
	where(w2, sizeof(w2), col2, cu->seq);
	clm_finding_add(cu->f, CLM_EDIT_NCCI_PTP_MODIFIER, s->line, "proc",
	    "%s (%s) and %s (%s) are an NCCI pair allowed here only by a "
	    "modifier; the record must show distinct services", col2->proc,
	    w2, col1->proc, w1);
}

static void
check_ptp(struct clm_scrub_cross *x, const struct cur *cu, const struct svc *s)
{
	const struct svc *e, *col1, *col2;
	struct clm_ptp ptp;

	for (e = svc_link(x, x->buckets[s->key & x->mask]); e != NULL;
	    e = svc_link(x, e->next)) {
		if (e->key != s->key || e->rend != s->rend ||
		    strcmp(e->proc, s->proc) == 0)
			continue;
		if (!ptp_lookup(x, cu->sc->cs, s, e, &col1, &col2, &ptp))
			continue;
		if (ptp.modifier_ind == 1 && ptp_bypassed(col1, col2)) {
			bypass_finding(cu, s, col1, col2);
			continue;
		}
		report_ptp(x, cu, s, e, &ptp, col1, col2);
	}
}

static const char *
mai_words(int mai)
{
	switch (mai) {
	case 1:
		return "MAI 1: a per-line limit; bill more units on separate "
		    "lines with 59, XE-XU, 76, 77 or 91 only when the services "
		    "were distinct";
	case 2:
		return "MAI 2: an absolute per-day limit set by CMS policy; no "
		    "modifier or appeal allows more, correct the units";
	default:
		return "MAI 3: a per-day clinical limit; units above it are "
		    "denied, and paid only on appeal with documentation";
	}
}

static void
check_mue(struct clm_scrub_cross *x, const struct cur *cu, const struct svc *s,
    const char *unit_type)
{
	struct clm_mue mue;
	const struct svc *e;
	double sum = s->units;
	const char *other = NULL;

	if (strcmp(unit_type, "MJ") == 0 ||
	    !memo_mue(x, cu->sc->cs, s->proc, s->date, &mue))
		return;
	if (mue.mai == 1) {
		if (s->units > (double)mue.value)
			clm_finding_add(cu->f, CLM_EDIT_MUE_UNITS, s->line,
			    "units", "%s is billed with %g units on this line, "
			    "above its MUE of %ld (%s)", s->proc, s->units,
			    mue.value, mai_words(1));
		return;
	}
	for (e = svc_link(x, x->buckets[s->key & x->mask]); e != NULL;
	    e = svc_link(x, e->next)) {
		if (e->key != s->key || e->bill != s->bill ||
		    strcmp(e->proc, s->proc) != 0)
			continue;
		sum += e->units;
		if (e->claim_seq != cu->seq && other == NULL)
			other = e->claim_id;
	}
	if (sum > (double)mue.value)
		clm_finding_add(cu->f, CLM_EDIT_MUE_UNITS, s->line, "units",
		    "%s totals %g units for this patient on this date of "
		    "service%s%s, above its MUE of %ld per day (%s)", s->proc, sum,
		    other ? " with claim " : "", other ? other : "",
		    mue.value, mai_words(mue.mai));
}

static void
check_lines(struct clm_scrub_cross *x, const struct cur *cu)
{
	uint64_t patient = clm_history_patient_fp(cu->c->rows[0], cu->h);
	struct svc s;

	for (size_t i = 0; i < cu->c->n; i++) {
		const struct clm_row *row = cu->c->rows[i];

		if (!make_svc(cu, row, patient, &s))
			continue;
		if (cu->sc->cs != NULL) {
			check_ptp(x, cu, &s);
			check_mue(x, cu, &s, clm_row_get(row, cu->h,
			    CLM_COL_UNIT_TYPE));
		}
		svc_insert(x, &s);
	}
}

/* ---- the window ---- */

/* Remember a claim that goes out without an error, for --history-append. */
static void
note_sent(const struct clm_scrub_ctx *sc, struct clm_scrub_cross *x,
    const struct clm_item *it, uint64_t fp, int strict)
{
	if (sc->history_append == NULL || clm_status_parse(clm_row_get(
	    it->c.rows[0], sc->h, CLM_COL_STATUS)) == CLM_STATUS_REJECT ||
	    clm_findings_status(&it->f, strict) == CLM_STATUS_REJECT ||
	    x->nsent >= DUP_MAX)
		return;
	if (x->nsent == x->sent_cap) {
		x->sent_cap = x->sent_cap ? x->sent_cap * 2 : 1024;
		x->sent = clm_xrealloc(x->sent, x->sent_cap * sizeof(*x->sent));
	}
	x->sent[x->nsent++] = fp;
}

static int
emit_held(const struct clm_scrub_ctx *sc, const struct clm_next *next,
    struct held *hd, struct clm_error *err)
{
	int rc;

	note_sent(sc, sc->cross, &hd->it, hd->fp, next->p->strict);
	rc = clm_stage_pass(next, &hd->it, err);
	clm_claim_clear(&hd->it.c);
	clm_findings_clear(&hd->it.f);
	hd->seq = 0;
	return rc;
}

static void
prefetch_span(const void *p, size_t len)
{
	for (size_t i = 0; i < len; i += 64)
		__builtin_prefetch((const char *)p + i);
}

/*
 * The claim written at the next hold has sat out of cache for `window`
 * claims: ask for its rows now, so that they arrive while this claim's
 * turn goes on (writing held claims cold cost a third of the run).
 */
static void
prefetch_held(const struct held *hd)
{
	for (size_t i = 0; hd->seq != 0 && i < hd->it.c.n; i++) {
		const struct clm_row *r = hd->it.c.rows[i];

		prefetch_span(r, sizeof(*r));
		prefetch_span(r->off, r->n * sizeof(*r->off));
		prefetch_span(r->len, r->n * sizeof(*r->len));
		prefetch_span(r->buf, r->used);
	}
}

/*
 * Hold the claim: its rows and findings move into the window slot, and the
 * slot's previous claim (the oldest, passed on now) hands its rows back to
 * the caller, which reuses them for the next claim.
 */
static int
hold(const struct clm_scrub_ctx *sc, struct clm_scrub_cross *x, const struct cur *cu,
    const struct clm_next *next, struct clm_item *it, struct clm_error *err)
{
	struct held *hd = &x->win[cu->seq % x->nwin];
	int rc = 0;

	if (hd->seq != 0) {
		note_sent(sc, x, &hd->it, hd->fp, next->p->strict);
		rc = clm_stage_pass(next, &hd->it, err);
		x->first_held = hd->seq + 1;
	}
	clm_findings_clear(&hd->it.f);
	clm_item_swap(&hd->it, it);
	hd->seq = cu->seq;
	hd->fp = cu->fp;
	prefetch_held(&x->win[(cu->seq + 1) % x->nwin]);
	return rc < 0 ? rc : CLM_STAGE_HELD;
}

int
clm_scrub_cross_claim(struct clm_scrub_ctx *sc, const struct clm_next *next,
    struct clm_item *it, struct clm_error *err)
{
	struct clm_scrub_cross *x = sc->cross;
	struct clm_claim *c = &it->c;
	struct cur cu = { sc, c, sc->h, &it->f, ++x->nclaims,
	    clm_claim_id(c, sc->h), 0, 0 };
	const char *freq;

	if (c->n == 0)
		return CLM_STAGE_PASS;
	freq = clm_row_get(c->rows[0], sc->h, CLM_COL_CLAIM_FREQ);
	/* a replacement or void stands for a claim sent before: pairing it
	 * with other claims (perhaps its own original) would only be noise */
	cu.alone = strcmp(freq, "7") == 0 || strcmp(freq, "8") == 0;
	cu.fp = clm_history_claim_fp(c, sc->h);
	cu.fp += cu.fp == 0;	/* 0 marks an empty slot */
	/* a repeat would only pair with its original: DUP-CLAIM says it all */
	if (!check_dup_claim(x, &cu))
		check_lines(x, &cu);
	if (x->nwin > 0)
		return hold(sc, x, &cu, next, it, err);
	note_sent(sc, x, it, cu.fp, next->p->strict);
	return CLM_STAGE_PASS;
}

/* The end of the input: pass on the claims still held, in input order. */
int
clm_scrub_cross_flush(struct clm_scrub_ctx *sc, const struct clm_next *next,
    struct clm_error *err)
{
	struct clm_scrub_cross *x = sc->cross;
	int rc = 0;

	for (uint64_t s = x->first_held; x != NULL && x->nwin > 0 &&
	    s <= x->nclaims; s++) {
		struct held *hd = held_claim(x, s);

		if (hd != NULL && emit_held(sc, next, hd, err) < 0)
			rc = -1;
	}
	return rc;
}

int
clm_scrub_history_append(const struct clm_scrub_ctx *sc,
    struct clm_error *err)
{
	const struct clm_scrub_cross *x = sc->cross;

	if (sc->history_append == NULL || x == NULL)
		return 0;
	return clm_history_append(sc->history_append, x->sent, x->nsent,
	    sc->as_of, err);
}

void
clm_scrub_cross_notes(const struct clm_scrub_ctx *sc,
    struct clm_scrub_notes *n)
{
	const struct clm_scrub_cross *x = sc->cross;

	memset(n, 0, sizeof(*n));
	if (x == NULL)
		return;
	n->late_only = x->late_only;
	n->window = x->nwin;
	n->evicted = x->evicted;
	n->lookback = (unsigned long)(x->mask + 1);
	n->dup_full = x->dup_full;
	n->dup_max = DUP_MAX;
}
