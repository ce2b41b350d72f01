/* Small helpers shared by the Check suites. */
#ifndef HELPER_TEST_H
#define HELPER_TEST_H

#include <stddef.h>

#include "clm_csv.h"

/* A scratch directory made for the test (removed by helper_rmtree). */
char *helper_tmpdir(void);
void helper_rmtree(const char *dir);
/* Whole file into a NUL-terminated malloc'd buffer, NULL if unreadable. */
char *helper_slurp(const char *path, size_t *len);
/* A CSV reader over a string. */
struct clm_csv *helper_csv_string(const char *text, unsigned char delim);
/* The ../shared folder if present, else NULL (tests then skip). */
const char *helper_shared(void);

#endif
