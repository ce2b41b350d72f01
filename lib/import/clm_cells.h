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
/*
 * Pointers in the record form ("1:2", "12" = pointer 12) as letters
 * separated by a space ("A B", "L"), a form no spreadsheet turns into a
 * time or a date and that clm_cells_dx_ptr reads back.  Returns the number
 * of pointers, or -1 when canon is not in the record form.
 */
int clm_cells_dx_ptr_letters(const char *canon, char *out, size_t size);

/*
 * Cells that survive a spreadsheet.  A value a spreadsheet changes when it
 * opens a CSV file (leading zeros "00951", 12 or more digits, "1E5", "1:2",
 * "1-2", "1/2") is written ="00951", the text formula Excel and LibreOffice
 * keep as the text 00951.  clm_cells_guard writes v or its guarded form to
 * out (1 when guarded, 0 when not, -1 when out is too small);
 * clm_cells_unguard gives the text inside ="...": its length, with *start
 * its offset, or -1 when v (len bytes) is not that form.
 */
int clm_cells_needs_guard(const char *v);
int clm_cells_guard(const char *v, char *out, size_t size);
int clm_cells_unguard(const char *v, size_t len, size_t *start);

/*
 * The `src_columns` value (clm-parse --keep-headers): the export's own
 * header of each record column that was renamed, "column=Header|..." with
 * '%', '|' and '=' written %XX.  _add appends one pair to the NUL-terminated
 * buf (0, or -1 and buf unchanged when it does not fit); _find copies the
 * header of column into header (1) or says it has none (0).
 */
int clm_cells_srccols_add(char *buf, size_t size, const char *column,
    const char *header);
int clm_cells_srccols_find(const char *value, const char *column,
    char *header, size_t size);

#endif
