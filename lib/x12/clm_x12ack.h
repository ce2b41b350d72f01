/*
 * clm_x12ack - the 999 implementation acknowledgment (005010X231A1) for
 * what the X12 reader read.  Fed the reader's events (clm_x12in_on_event
 * with clm_x12ack_event), it writes one 999 transaction set per functional
 * group read: AK1, then per transaction set AK2, IK3 per segment in error
 * with its IK4s (element position, element number and error code; never
 * the value: IK404 is not written), IK5, and AK9 for the group.  Only
 * error findings count; warnings and notes do not appear.  The response
 * interchange swaps the sender and receiver of the first ISA/GS read and
 * reuses its ISA13; problems of the ISA itself (TA1 material) are not in a
 * 999.
 *
 * Output streams through the caller's write function (memory is flat:
 * one IK3 with at most 99 IK4 is held).  The acknowledgement owns its
 * buffer; clm_x12ack_free releases it.
 */
#ifndef CLM_X12ACK_H
#define CLM_X12ACK_H

#include "clm_error.h"
#include "clm_x12in.h"

typedef int (*clm_x12ack_write_fn)(void *ctx, const void *buf, size_t len,
    struct clm_error *err);

struct clm_x12ack;

/* date CCYYMMDD and time HHMM of the response envelope. */
struct clm_x12ack *clm_x12ack_new(clm_x12ack_write_fn fn, void *ctx,
    const char *date, const char *time);
/* A clm_x12in_event_fn: ctx is the struct clm_x12ack. */
void clm_x12ack_event(void *ack, const struct clm_x12in_event *ev);
/* Close what is open and write the trailers; 0 or <0 (write failed). */
int clm_x12ack_finish(struct clm_x12ack *a, struct clm_error *err);
/* Counts for the caller: sets accepted and rejected. */
void clm_x12ack_counts(const struct clm_x12ack *a, long *accepted,
    long *rejected);
void clm_x12ack_free(struct clm_x12ack *a);

#endif
