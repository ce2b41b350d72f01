/*
 * clm_x12src - an X12 837P as a clm_source: one claim at a time, its rows
 * in the record format under a header of the columns the reader fills
 * (plus status and edits), its structural findings with it, and the
 * findings outside any claim in the source's orphans.  No global state:
 * several may be open at once.
 *
 * Ownership: clm_x12src_open takes ownership of in (already opened; its
 * first bytes may have been peeked); name is borrowed and must outlive
 * the claims read (it is their c.file).  clm_source_close frees it all.
 */
#ifndef CLM_X12SRC_H
#define CLM_X12SRC_H

#include "clm_io.h"
#include "clm_stage.h"
#include "clm_x12in.h"

struct clm_source *clm_x12src_open(struct clm_in *in, const char *name);
/*
 * Follow the reader: fn(fn_ctx, ev) gets every event of the reader
 * (clm_x12in_on_event, e.g. clm_x12ack_event building a 999), and
 * done(done_ctx, ended) runs when the source closes, ended telling whether
 * the input was read to its end.
 */
void clm_x12src_follow(struct clm_source *s, clm_x12in_event_fn fn,
    void *fn_ctx, void (*done)(void *ctx, int ended), void *done_ctx);

#endif
