/*
 * clm-response duplicate remittances: an 835 read twice (the same file
 * given twice, or a copy the payer sent again) must not pay a claim twice.
 * A remittance is the same when its TRN02 trace number, TRN03 payer and
 * BPR02 total were seen in another transaction set of this run; a claim's
 * payment is the same when a CLP for the same sent claim with the same
 * status code, amounts and payer claim control number was seen already.
 * Both are kept in one open-addressed table of 64-bit keys.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "response.h"

struct dup_ent {
	uint64_t key;		/* 0: empty */
	uint32_t file;		/* input number, from 1 */
	int32_t pos;		/* segment first seen: the CLP, or the ST */
};

static struct {
	struct dup_ent *v;
	size_t n, cap;
	char **files;		/* input names, by number - 1 */
	size_t nfiles;
} tab;

/* The name of input number k, as first seen. */
static const char *
file_name(unsigned k)
{
	return k >= 1 && k <= tab.nfiles ? tab.files[k - 1] : "-";
}

static void
note_file(unsigned k, const char *name)
{
	while (tab.nfiles < k) {
		tab.files = clm_xrealloc(tab.files, (tab.nfiles + 1) *
		    sizeof(*tab.files));
		tab.files[tab.nfiles++] = clm_xstrdup(name);
	}
}

static uint64_t
fnv(uint64_t h, const char *s)
{
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return (h ^ 0xff) * 1099511628211ULL;	/* field separator */
}

static void
grow(void)
{
	struct dup_ent *old = tab.v;
	size_t ocap = tab.cap;

	tab.cap = tab.cap ? tab.cap * 2 : 1024;
	tab.v = clm_xcalloc(tab.cap, sizeof(*tab.v));
	for (size_t i = 0; i < ocap; i++) {
		size_t k = (size_t)(old[i].key & (tab.cap - 1));

		if (old[i].key == 0)
			continue;
		while (tab.v[k].key != 0)
			k = (k + 1) & (tab.cap - 1);
		tab.v[k] = old[i];
	}
	free(old);
}

/* The entry for key, inserted with e's place when new (*fresh = 1). */
static const struct dup_ent *
lookup(uint64_t key, const struct dup_ent *e, int *fresh)
{
	size_t k;

	if (key == 0)
		key = 1;
	if ((tab.n + 1) * 2 > tab.cap)
		grow();
	k = (size_t)(key & (tab.cap - 1));
	while (tab.v[k].key != 0 && tab.v[k].key != key)
		k = (k + 1) & (tab.cap - 1);
	*fresh = tab.v[k].key == 0;
	if (*fresh) {
		tab.v[k] = *e;
		tab.v[k].key = key;
		tab.n++;
	}
	return &tab.v[k];
}

void
resp_dup_free(void)
{
	for (size_t i = 0; i < tab.nfiles; i++)
		free(tab.files[i]);
	free(tab.files);
	free(tab.v);
	memset(&tab, 0, sizeof(tab));
}

int
resp_dup_835(struct resp_ctx *x, const struct clm_resp_item *it,
    const char *file, long claim, char *why, size_t size)
{
	struct dup_ent e = { 0, x->nfile, (int32_t)it->set_pos };
	const struct dup_ent *d;
	char amt[48];
	uint64_t h;
	int fresh;

	why[0] = '\0';
	note_file(x->nfile, file);
	if (it->trn02[0] != '\0') {
		snprintf(amt, sizeof(amt), "%d:%lld", it->has_bpr, it->bpr02);
		h = fnv(fnv(fnv(fnv(14695981039346656037ULL, "TRN"),
		    it->trn02), it->trn03), amt);
		d = lookup(h, &e, &fresh);
		if (!fresh && (d->file != e.file || d->pos != e.pos)) {
			snprintf(why, size, "duplicate remittance: TRN02 %.40s "
			    "with the same payer and total was read already "
			    "(%s, input %u, segment %ld)", it->trn02,
			    file_name(d->file), (unsigned)d->file,
			    (long)d->pos);
			return 1;
		}
	}
	if (claim < 0 || it->kind != CLM_RESP_835_CLAIM)
		return 0;
	snprintf(amt, sizeof(amt), "%ld:%lld:%lld:%lld", claim, it->billed,
	    it->paid, it->has_pr ? it->pr : 0);
	h = fnv(fnv(fnv(fnv(14695981039346656037ULL, "CLP"), amt), it->ack),
	    it->payer_ctl);
	e.pos = (int32_t)it->pos;
	d = lookup(h, &e, &fresh);
	if (!fresh) {
		snprintf(why, size, "duplicate payment: the same CLP (status "
		    "%.8s, same amounts and payer claim control number) for "
		    "this claim was read already (%s, input %u, segment %ld)",
		    it->ack, file_name(d->file), (unsigned)d->file,
		    (long)d->pos);
		return 1;
	}
	return 0;
}
