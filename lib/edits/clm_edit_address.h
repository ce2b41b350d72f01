/*
 * clm_edit_address - the address edits, one function each, called by
 * every tool that applies them (clm-scrub, clm-emit-837's guard).
 * Pure functions over borrowed rows; findings are appended to f.
 */
#ifndef CLM_EDIT_ADDRESS_H
#define CLM_EDIT_ADDRESS_H

#include "clm_finding.h"
#include "clm_record.h"

/*
 * Non-zero when an address line is a post-office box, lock box or private
 * mailbox instead of a street address: PO BOX, P.O. BOX, POBOX12, PO BX,
 * POST OFFICE BOX, POB 12, LOCKBOX, LOCK BOX, PMB 7, and BOX 3 or BX 3
 * leading the line.  A box number after a street address ("12 MAIN ST
 * BOX 3") is a street address; "10 BOX ELDER RD" and "12 BOXWOOD RD" are
 * streets.
 */
int clm_addr_is_pobox(const char *addr);

/* ADDR-POBOX: the billing provider address (loop 2010AA, bill_addr1 and
 * bill_addr2) must be a street address; one finding per line that is a
 * box. */
void clm_edit_pobox(const struct clm_claim *c, const struct clm_header *h,
    struct clm_findings *f);

#endif
