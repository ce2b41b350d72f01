/*
 * clm_codeset_build - compile official code-set releases (and the
 * project's hand-written starter lists) into one index file for
 * clm_codeset_open.  Sources are added in order; each becomes a release
 * with a name and the dates it is in force, and every entry it holds
 * carries those dates (or its own per-row dates where the source has
 * them).  Per-code validity spans are merged across releases when written.
 *
 * Source kinds (formats in docs/codeset-sources.md):
 *   icd10cm-order    CMS/CDC order file (fixed width, flag 0/1)
 *   icd10cm-addenda  order addenda: applied to the previous ICD-10-CM
 *                    release added to derive a new one (FY2027 = FY2026
 *                    + icd10cm_order_addenda_2027.txt)
 *   icd10cm-tabular  tabular XML (7th characters, Excludes1, code first)
 *   hcpcs            HCPCS Level II alpha-numeric file (fixed width 320)
 *   mue              CMS MUE CSV (practitioner services)
 *   ptp              NCCI PTP rows (official tab-delimited, 7 fields) or
 *                    the 3-column col1/col2/indicator list
 *   pos              place of service: HL7 FHIR CodeSystem XML
 *   taxonomy         NUCC taxonomy CSV
 *   mce              Medicare Code Editor lists (tab-delimited)
 *   SYS-list         hand-written list, SYS one of icd10cm, hcpcs, cpt,
 *                    modifier, pos, taxonomy: lines
 *                    CODE<TAB>FLAG<TAB>DESCRIPTION[<TAB>FROM<TAB>TO]
 *
 * Ownership: the builder owns everything added to it until clm_csb_free.
 */
#ifndef CLM_CODESET_BUILD_H
#define CLM_CODESET_BUILD_H

#include <stddef.h>

#include "clm_date.h"
#include "clm_error.h"

/* Ceilings: hitting one is a CLM_ELIMIT error naming the source. */
#define CLM_CSB_MAX_LINE 65536
#define CLM_CSB_MAX_ENTRIES 20000000
#define CLM_CSB_MAX_STRINGS (512L * 1024 * 1024)
#define CLM_CSB_MAX_RELEASES 4096

struct clm_csb;

struct clm_csb *clm_csb_new(void);
void clm_csb_free(struct clm_csb *b);

/* The kind of a source from its file name (and first bytes when
 * head != NULL), or NULL when it cannot be told. */
const char *clm_csb_detect(const char *path, const char *head, size_t len);
/* Non-zero when kind is one of the kinds above. */
int clm_csb_kind_ok(const char *kind);

/*
 * Add a source.  kind NULL = detect.  from/to (CCYYMMDD, 0 = default from
 * the file name: fiscal year, quarter, version) and name (NULL = default,
 * e.g. "ICD-10-CM FY2027") describe the release.
 */
int clm_csb_add(struct clm_csb *b, const char *kind, const char *path,
    long from, long to, const char *name, struct clm_error *err);
/* The same over bytes in memory (tests, fuzzing); srcname is for errors
 * and the default release dates. */
int clm_csb_add_mem(struct clm_csb *b, const char *kind, const char *data,
    size_t len, const char *srcname, long from, long to, const char *name,
    struct clm_error *err);
/*
 * A manifest: one source per line, "KIND PATH [FROM [TO [NAME...]]]",
 * '#' comments, FROM/TO CCYYMMDD or '-' for the default (TO '-' after an
 * explicit FROM = open), PATH relative to the manifest's folder.
 */
int clm_csb_manifest(struct clm_csb *b, const char *path,
    struct clm_error *err);

/* The index image (malloc'd, caller frees) or the file, written
 * atomically. */
int clm_csb_image(struct clm_csb *b, unsigned char **buf, size_t *len,
    struct clm_error *err);
int clm_csb_write(struct clm_csb *b, const char *path,
    struct clm_error *err);

/* Date helpers (CCYYMMDD); 0 when the input is not a date. */

#endif
