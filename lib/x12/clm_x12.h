/*
 * clm_x12 - the X12 segment writer.
 *
 * Segments are built into a growable buffer the writer owns (ceiling
 * CLM_X12_BUF_MAX); the caller moves the bytes out and resets it.  Trailing
 * empty elements and components are never written (X12 forbids a trailing
 * separator).  Every value goes through the character check: a value that
 * holds a delimiter or a control character, or a character outside the
 * agreed set, or that ends with a space, is never written -- the writer
 * counts it, leaves the element
 * empty and calls on_bad, so the caller holds the claim back.  Data can
 * therefore never create a segment or an element.
 *
 * Control numbers live in a state file, one line per sender/receiver pair,
 * updated under an exclusive flock on STATE.lock (a separate file, because
 * the state file itself is replaced by rename).
 */
#ifndef CLM_X12_H
#define CLM_X12_H

#include <stddef.h>

#include "clm_error.h"

#define CLM_X12_BUF_MAX ((size_t)256 * 1024 * 1024)

/* What is wrong with a value (CHARSET < DELIM: the worse one wins);
 * BAD_SPACE: ends with a space (X12 forbids trailing spaces). */
enum clm_x12_bad { CLM_X12_OK = 0, CLM_X12_BAD_CHARSET = 1,
	CLM_X12_BAD_DELIM = 2, CLM_X12_BAD_SPACE = 3 };

struct clm_x12_syntax {
	char ele, comp, rep, seg;
	char eol[3];			/* written after each terminator */
	int extended;			/* extended character set */
};

typedef void (*clm_x12_bad_fn)(void *arg, enum clm_x12_bad why,
    const char *field, size_t pos);

struct clm_x12_writer {
	struct clm_x12_syntax syn;
	unsigned char cls[256];		/* enum clm_x12_bad per byte */
	char *buf;
	size_t len, cap;
	size_t pending_el;		/* empty elements not yet written */
	size_t pending_comp;		/* empty components pending */
	int in_comp;			/* inside a composite element */
	int comp_started;		/* the composite has written a value */
	unsigned long segs;		/* segments ended since the reset */
	unsigned long bad;		/* values refused */
	int overflow;			/* CLM_X12_BUF_MAX was hit */
	clm_x12_bad_fn on_bad;
	void *arg;
};

void clm_x12_writer_init(struct clm_x12_writer *w,
    const struct clm_x12_syntax *syn);
void clm_x12_writer_free(struct clm_x12_writer *w);
/* Empty the buffer and the counters (segs, bad, overflow). */
void clm_x12_reset(struct clm_x12_writer *w);
/* Classify a value: CLM_X12_OK or the worst problem; *pos (may be NULL)
 * gets the 1-based character position of the first bad byte. */
enum clm_x12_bad clm_x12_check(const struct clm_x12_writer *w,
    const char *v, size_t n, size_t *pos);
/* Start a segment: "NM1". */
void clm_x12_seg(struct clm_x12_writer *w, const char *id);
/* A simple element; field names the column for on_bad (NULL: ours). */
void clm_x12_el(struct clm_x12_writer *w, const char *v, const char *field);
/* An empty element (only written when a later one has a value). */
void clm_x12_skip(struct clm_x12_writer *w, size_t n);
/* Begin a composite element; clm_x12_comp adds its components. */
void clm_x12_comp_begin(struct clm_x12_writer *w);
void clm_x12_comp(struct clm_x12_writer *w, const char *v,
    const char *field);
/* Terminate the segment (and write the line ending). */
void clm_x12_seg_end(struct clm_x12_writer *w);
/* Raw bytes (the fixed-width ISA); the caller checked them. */
void clm_x12_raw(struct clm_x12_writer *w, const char *s, size_t n);

/* Control numbers. */
struct clm_x12_ctl;

/*
 * Lock the state file (creating it and its directory if needed), read the
 * last number used for key and compute the next one (1 after 999999999).
 * The lock is held until clm_x12_ctl_close.
 */
int clm_x12_ctl_open(struct clm_x12_ctl **ctl, const char *path,
    const char *key, struct clm_error *err);
unsigned long clm_x12_ctl_next(const struct clm_x12_ctl *ctl);
/*
 * Check state text (len bytes; name for errors) exactly: every line
 * "KEY<TAB>N" (KEY printable ASCII, N 1-9 digits) or a '#' comment, no key
 * twice, no NUL, BOM, CR or other control byte.  *next gets key's number
 * plus one (1 when absent or after 999999999), *off and *linelen key's line
 * (off == len when absent).  0, or <0 with err naming the line.  clm_x12_ctl_open
 * uses it; public for tests and fuzzing.
 */
int clm_x12_ctl_parse(const char *text, size_t len, const char *name,
    const char *key, unsigned long *next, size_t *off, size_t *linelen,
    struct clm_error *err);
/* Record the next number as used (the state file replaced atomically). */
int clm_x12_ctl_commit(struct clm_x12_ctl *ctl, struct clm_error *err);
/* Release the lock; without a commit the number stays unused. */
void clm_x12_ctl_close(struct clm_x12_ctl *ctl);
/* The documented default path: $XDG_STATE_HOME/clm/control-numbers or
 * $HOME/.local/state/clm/control-numbers; NULL when neither is set. */
char *clm_x12_ctl_default_path(void);

#endif
