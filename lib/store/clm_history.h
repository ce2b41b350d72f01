/*
 * clm_history - fingerprints of claims already sent, so that clm-scrub can
 * catch a claim that goes out twice across runs (DUP-CLAIM).
 *
 * A fingerprint is a 64-bit hash of what makes two claims the same bill:
 * patient identity (payer, member id, name, birth date), billing NPI, and
 * every line's dates, code, modifiers, units and charge, independent of line
 * order and of the claim id.  No patient data is stored, only the hash.
 *
 * The store is a text file, one fingerprint per line:
 *     <16 lower-case hex digits> <CCYYMMDD first sent>
 * appended to under an exclusive flock (concurrent runs are safe) and read
 * whole into a sorted array.  Lines starting with '#' are comments.  A missing
 * file is an empty history.  clm_history owns its array.
 */
#ifndef CLM_HISTORY_H
#define CLM_HISTORY_H

#include <stddef.h>
#include <stdint.h>

#include "clm_error.h"
#include "clm_record.h"

/* Most fingerprints a history may hold (about 400 MB of file). */
#define CLM_HISTORY_MAX (16L * 1024 * 1024)

struct clm_history;

/* Load a history file (missing = empty).  NULL and err set on failure. */
struct clm_history *clm_history_load(const char *path, struct clm_error *err);
/* Parse history text (tests, fuzzing); name is used in errors. */
struct clm_history *clm_history_load_text(const char *text, size_t len,
    const char *name, struct clm_error *err);
void clm_history_free(struct clm_history *hist);
size_t clm_history_count(const struct clm_history *hist);
/* Non-zero when fp is in the history; *first_sent gets its date. */
int clm_history_contains(const struct clm_history *hist, uint64_t fp,
    long *first_sent);
/*
 * Append n fingerprints with the date sent (CCYYMMDD), under flock.  A
 * failed write or fsync is undone (the file truncated back to its size
 * before) and reported; a file whose last line is torn is not appended to.
 */
int clm_history_append(const char *path, const uint64_t *fps, size_t n,
    long date, struct clm_error *err);

/* What clm_history_repair did. */
enum {
	CLM_HISTORY_REPAIR_NONE = 0,	/* nothing torn */
	CLM_HISTORY_REPAIR_CUT,		/* a torn last line removed */
	CLM_HISTORY_REPAIR_COMPLETED	/* a whole last line given its LF */
};
/*
 * Repair a history whose last line is torn (no LF), under an exclusive
 * flock: a partial line is cut off, a complete one without its LF gets it.
 * *line is that line's number, *action one of the above.  Damage anywhere
 * else is not repaired: <0 with err naming the line, file unchanged.
 */
int clm_history_repair(const char *path, long *line, int *action,
    struct clm_error *err);

/* The identity of the patient of a claim (payer, member, name, birth date). */
uint64_t clm_history_patient_fp(const struct clm_row *row,
    const struct clm_header *h);
/* The duplicate fingerprint of a whole claim (see above). */
uint64_t clm_history_claim_fp(const struct clm_claim *c,
    const struct clm_header *h);
/* 64-bit hash of bytes, continuing from seed (FNV-1a, then mixed). */
uint64_t clm_history_hash(uint64_t seed, const char *s, size_t len);

#endif
