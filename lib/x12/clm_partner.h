/*
 * clm_partner - trading-partner settings for the 837P writer: who submits,
 * who receives, the ISA/GS identifiers, test or production, delimiters,
 * line endings, character set and the long-claim policy.
 *
 * The file is "key = value" per line; '#' starts a comment line; blank
 * lines are ignored; an unknown key or a bad value is an error with its
 * line (a typo must not silently fall back to a default).  Every key is
 * described in clm-emit-837(1).  The struct owns no heap memory.
 */
#ifndef CLM_PARTNER_H
#define CLM_PARTNER_H

#include <stddef.h>

#include "clm_error.h"

enum clm_partner_lines { CLM_PARTNER_SPLIT, CLM_PARTNER_REJECT };
enum clm_partner_charset { CLM_PARTNER_BASIC, CLM_PARTNER_EXTENDED };

struct clm_partner {
	char submitter_name[61];	/* 1000A NM103 */
	char submitter_id[81];		/* 1000A NM109 */
	char submitter_contact[61];	/* 1000A PER02 */
	char submitter_phone[21];	/* 1000A PER04 (TE) */
	char submitter_email[81];	/* 1000A PER06 (EM) */
	char receiver_name[61];		/* 1000B NM103 */
	char receiver_id[81];		/* 1000B NM109 */
	char isa_auth_qual[3];		/* ISA01 */
	char isa_auth_info[11];		/* ISA02 */
	char isa_security_qual[3];	/* ISA03 */
	char isa_security_info[11];	/* ISA04 */
	char isa_sender_qual[3];	/* ISA05 */
	char isa_sender_id[16];		/* ISA06 */
	char isa_receiver_qual[3];	/* ISA07 */
	char isa_receiver_id[16];	/* ISA08 */
	char gs_sender_id[16];		/* GS02, default ISA06 */
	char gs_receiver_id[16];	/* GS03, default ISA08 */
	char usage;			/* ISA15: 'T' or 'P' */
	char ack_requested;		/* ISA14: '0' or '1' */
	char element_sep, component_sep, repetition_sep, segment_term;
	char line_ending[3];		/* "", "\n" or "\r\n" after ~ */
	enum clm_partner_charset charset;
	enum clm_partner_lines long_claims;
	unsigned long claims_per_st;	/* claims per ST/SE */
	char payer_ids[1024];		/* known payer ids, ' ' or ',' apart */
};

/* The defaults (ZZ qualifiers, ~ * : ^, test usage, split, basic). */
void clm_partner_defaults(struct clm_partner *p);
/* Read a partner file over the defaults, then check it. */
int clm_partner_load(struct clm_partner *p, const char *path,
    struct clm_error *err);
/* The same from text (tests, fuzzing); name is used in errors. */
int clm_partner_load_text(struct clm_partner *p, const char *text,
    size_t len, const char *name, struct clm_error *err);
/* Required keys present, delimiters distinct and printable, values free
 * of delimiters and inside the character set. */
int clm_partner_check(const struct clm_partner *p, const char *name,
    struct clm_error *err);
/*
 * A payer id that lost its leading zeros (a spreadsheet made 00951 951):
 * 1 when id is not in payer_ids but a listed id is id with zeros in front
 * (copied to listed), else 0.
 */
int clm_partner_payer_zeros(const struct clm_partner *p, const char *id,
    char *listed, size_t size);

#endif
