/*
 * clm_cells - cells of a claim export that hold several items, brought to
 * the record format's one form: modifiers ("GP 59", "GP,59", "GP-59",
 * "GP59"), diagnosis pointers ("1,2", "1:2", "12", "A,B" -> "1:2") and
 * diagnosis lists ("M54.50, M62.81").  Pure functions over caller buffers.
 */
#ifndef CLM_CELLS_H
#define CLM_CELLS_H

#include <stddef.h>

#define CLM_CELLS_TOKEN 64	/* longest item kept; longer ones are cut */

/*
 * Split a list cell on ',' ';' '|' and white space into at most max items
 * (each NUL-terminated, cut to CLM_CELLS_TOKEN - 1 bytes).  Returns the
 * number of items in the cell, which may exceed max.
 */
int clm_cells_split_list(const char *cell, char items[][CLM_CELLS_TOKEN],
    int max);

/*
 * Split a modifier cell: separators as for lists plus '-' '/' ':', and an
 * unseparated run of 4, 6 or 8 letters and digits ("GP59") read as 2-char
 * modifiers.  Returns the number of modifiers, which may exceed max.
 */
int clm_cells_split_mods(const char *cell, char items[][CLM_CELLS_TOKEN],
    int max);

/*
 * Diagnosis pointers to their one form: positions 1-12 joined by ':'
 * (letters A-L count as 1-12, also run together as "AB"; a cell that is
 * one run of distinct digits 1-9 is one pointer per digit, so "12" is 1
 * and 2 while "10" "11" read as numbers; between separators, digits are a
 * number).
 * Writes the form to out (size >= 64 holds any 12 pointers) and returns
 * the number of pointers, or -1 when the cell cannot be read that way.
 */
int clm_cells_dx_ptr(const char *cell, char *out, size_t size);

#endif
