/*
 * clm_audit - the append-only audit log of clm runs: one line per run.
 *
 * A line is tab-separated KEY=VALUE fields; a value has '%', TAB, CR and
 * LF (and any control byte) written as %XX.  Keys used by clm run: time,
 * user, host, version, status, claims, sent, held, cents, held_cents,
 * cmd (repeated, one per argument), codesets, codesets_sha256, release
 * (repeated), in and out (repeated: SIZE:SHA256:PATH).  No PHI is ever
 * written: paths, options, counts and digests only.  Appends are flock'd
 * (LOCK_EX) and fsynced; readers take LOCK_SH.
 *
 * Ownership: a clm_audit_line owns its buffer (clm_audit_line_free).
 */
#ifndef CLM_AUDIT_H
#define CLM_AUDIT_H

#include <stddef.h>

#include "clm_error.h"

struct clm_audit_line {
	char *buf;
	size_t len, cap;
};

void clm_audit_line_init(struct clm_audit_line *l);
void clm_audit_line_free(struct clm_audit_line *l);
void clm_audit_field(struct clm_audit_line *l, const char *key,
    const char *value);
void clm_audit_fieldf(struct clm_audit_line *l, const char *key,
    const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* Append the fields of b to l. */
void clm_audit_join(struct clm_audit_line *l, const struct clm_audit_line *b);
/* key=SIZE:SHA256:PATH of a file (PATH made absolute); <0 with err set when unreadable. */
int clm_audit_file(struct clm_audit_line *l, const char *key,
    const char *path, struct clm_error *err);
/* Append the line (and a LF) to the log at path, under flock. */
int clm_audit_append(const char *path, const struct clm_audit_line *l,
    struct clm_error *err);

/* Each record of the log, in order: fn(arg, line) with the raw line (no
 * LF); fn returning non-zero stops.  0, or <0 with err set (a missing log
 * is an empty one). */
int clm_audit_read(const char *path, int (*fn)(void *arg, const char *line),
    void *arg, struct clm_error *err);
/* The n-th (0-based) value of key in a raw line, unescaped into buf:
 * 1 found, 0 not. */
int clm_audit_get(const char *line, const char *key, size_t n, char *buf,
    size_t size);

#endif
