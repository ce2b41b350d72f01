/*
 * clm_error - errors as values.  A function that fails fills the caller's
 * struct clm_error with where (file, line, claim, field) and what (message)
 * and returns a negative CLM_E* code.  Messages never quote patient data.
 */
#ifndef CLM_ERROR_H
#define CLM_ERROR_H

#include <stdarg.h>

#include "clm.h"

struct clm_error {
	int code;		/* CLM_E*, positive */
	char file[256];		/* input or output name, "" if none */
	long line;		/* physical line, 0 if none */
	char claim[64];		/* claim id, "" if none */
	char field[64];		/* column name, "" if none */
	char msg[512];
};

void clm_error_clear(struct clm_error *err);
/* Fill err (which may be NULL) and return -code. */
int clm_error_set(struct clm_error *err, int code, const char *file,
    long line, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
/* "FILE:LINE: claim C field F: message" (parts omitted when unknown). */
void clm_error_format(const struct clm_error *err, char *buf, size_t size);

#endif
