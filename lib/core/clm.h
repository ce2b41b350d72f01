/*
 * clm.h - conventions shared by every libclm module.
 *
 * Ownership: *_new and *_open return an object the caller owns and releases
 * with the matching *_free or *_close (both accept NULL); every other pointer
 * argument is borrowed; a pointer returned into a row is valid until the next
 * change to that row or the next *_next call on its reader.
 *
 * The library never prints and never exits, with one exception: clm_oom()
 * reports an allocation failure and exits 2 (atomic output guarantees that no
 * half-written file remains).  Errors come back as negative CLM_E* codes with
 * the detail in a caller-supplied struct clm_error.
 */
#ifndef CLM_H
#define CLM_H

#include <stddef.h>

#define CLM_VERSION "0.1.0"

/* Exit status shared by every tool (documented in every man page). */
enum clm_exit {
	CLM_EXIT_OK = 0,	/* success, no error findings */
	CLM_EXIT_FINDINGS = 1,	/* success, but claims carry error findings */
	CLM_EXIT_FAILURE = 2	/* usage, input or output failure */
};

/* Library error codes (returned negated). */
enum clm_errcode {
	CLM_OK = 0,
	CLM_EIO = 1,		/* read or write failed */
	CLM_EFORMAT = 2,	/* input is not what it claims to be */
	CLM_ELIMIT = 3,		/* a size ceiling was hit */
	CLM_EUSAGE = 4		/* caller passed something unusable */
};

void clm_oom(void);
void *clm_xmalloc(size_t n);
void *clm_xcalloc(size_t n, size_t size);
void *clm_xrealloc(void *p, size_t n);
char *clm_xstrdup(const char *s);
char *clm_xstrndup(const char *s, size_t n);

#endif
