/*
 * clm_journal - several files put in place together, or none, across a
 * crash (clm run).
 *
 * Each output is written first to a staged path beside its target
 * (".NAME.clm-run" in the target's directory, so that the final rename
 * never crosses a file system).  clm_journal_commit fsyncs every staged
 * file, writes the journal (one "STAGED<TAB>TARGET" line per file) through
 * a temporary and a rename, then renames each staged file over its target
 * and removes the journal.  A run killed before the journal is in place
 * changed no target (clm_journal_abort, or the next run, removes the staged
 * files); killed after, clm_journal_recover finishes the renames (roll
 * forward).  A pair whose staged file is gone was already renamed.
 *
 * Ownership: the journal owns its copies of every path; the library never
 * prints.
 */
#ifndef CLM_JOURNAL_H
#define CLM_JOURNAL_H

#include <stddef.h>

#include "clm_error.h"

struct clm_journal;

/* A journal kept at path (created by commit, removed when done). */
struct clm_journal *clm_journal_new(const char *path);
void clm_journal_free(struct clm_journal *j);
/* Stage target: the path to write instead (owned by j).  Any file left
 * at that path by an earlier, killed run is removed first. */
const char *clm_journal_stage(struct clm_journal *j, const char *target);
/* Stage target as a copy of its current content (a state or history file
 * the run will change); a missing target stages a missing file. */
const char *clm_journal_stage_copy(struct clm_journal *j, const char *target,
    struct clm_error *err);
/* The staged path of target, without staging it. */
void clm_journal_staged_name(const char *target, char *buf, size_t size);
/* Also rename from to to at commit (an input moved to done/). */
void clm_journal_move(struct clm_journal *j, const char *from, const char *to);
/* Put every staged file in place together; 0 or <0 with err set.  hook,
 * when set, is called at "journal" (after the journal is durable) and at
 * "rename" (after the first rename): the test points of clm run. */
int clm_journal_commit(struct clm_journal *j, void (*hook)(const char *),
    struct clm_error *err);
/* Remove every staged file (the run failed). */
void clm_journal_abort(struct clm_journal *j);
/* Finish a journal left at path by a killed run: *done 1 when there was
 * one (and it is now complete), 0 when none; <0 with err set. */
int clm_journal_recover(const char *path, int *done, struct clm_error *err);

#endif
