/*
 * clm_codeset_format - the on-disk layout of the code-set index (internal
 * to lib/codeset/clm_codeset*.c; users go through clm_codeset.h).
 *
 * A file is a 64-byte header, a section table and the sections, each
 * 8-byte aligned, in host byte order (a byte-order mark refuses a file
 * from a machine of the other order).  Codes are keys (upper case, no
 * dot) NUL-padded in fixed fields; strings are offsets into the STRINGS
 * section, which starts with "" (offset 0) and ends with a NUL.  Every
 * table is sorted for binary search as noted per struct.
 *
 * Checksums: head_crc covers the header (with head_crc = 0) and the
 * section table and is checked at every open; payload_crc covers every
 * byte after the section table and is checked by clm_codeset_verify only
 * (see clm_codeset.h for why).  Bump CLM_IDX_VERSION on any change here.
 */
#ifndef CLM_CODESET_FORMAT_H
#define CLM_CODESET_FORMAT_H

#include <stdint.h>

#define CLM_IDX_MAGIC "CLMIDX\r\n"
#define CLM_IDX_VERSION 1u
#define CLM_IDX_BOM 0x01020304u
#define CLM_IDX_MAX_SECTIONS 32u

struct clm_idx_header {
	char magic[8];
	uint32_t version;
	uint32_t byteorder;
	uint64_t file_size;
	uint32_t nsections;
	uint32_t head_crc;
	uint32_t payload_crc;
	uint32_t reserved;
	uint8_t pad[24];
};

enum clm_idx_section_id {
	CLM_SEC_STRINGS = 1,
	CLM_SEC_RELEASES,
	CLM_SEC_CODES,
	CLM_SEC_SPANS,
	CLM_SEC_NOTES,
	CLM_SEC_SEVDESC,
	CLM_SEC_EXCL1,
	CLM_SEC_MCE,
	CLM_SEC_PTP,
	CLM_SEC_MUE,
	CLM_SEC_COUNT_		/* one past the last id */
};

struct clm_idx_section {
	uint32_t id;
	uint32_t entsize;
	uint64_t offset;
	uint64_t count;
};

/* A hand-written list (a *-list kind): no successor is ever due. */
#define CLM_IDX_REL_HAND_DATED 1

struct clm_idx_release {
	uint8_t kind;		/* enum clm_release_kind */
	uint8_t sys;		/* enum clm_code_system */
	uint16_t flags;		/* CLM_IDX_REL_*; 0 in older indexes */
	uint32_t name;
	int32_t from, to;	/* to 0 = open */
	uint32_t source;
	uint32_t count;
};

/* Sorted by (sys, code). */
struct clm_idx_code {
	char code[12];
	uint8_t sys;
	uint8_t pad;
	uint16_t nspans;
	uint32_t span;		/* first of nspans in SPANS, sorted by from */
};

enum clm_idx_state { CLM_IDX_HEADER = 0, CLM_IDX_VALID = 1 };

struct clm_idx_span {
	int32_t from, to;	/* to 0 = open */
	uint32_t desc;
	uint16_t release;
	uint8_t state;		/* enum clm_idx_state */
	char action;		/* HCPCS action code, 0 elsewhere */
	int32_t action_date;
};

enum clm_idx_note_flag { CLM_NOTE_CODE_FIRST = 1, CLM_NOTE_SEVEN = 2 };

/* Tabular notes per tabular node, sorted by (code, release). */
struct clm_idx_note {
	char code[8];
	uint16_t release;
	uint16_t flags;
	uint32_t seven_chars;	/* string of valid 7th characters */
	uint32_t seven_desc;	/* first index in SEVDESC (one per char) */
	uint32_t code_first;	/* first codeFirst note text */
};

/* Excludes1 notes, sorted by (at, release, lo). */
struct clm_idx_excl {
	char at[8];
	char lo[8];
	char hi[8];
	uint16_t release;
	uint16_t pad;
	uint32_t note;
};

/* MCE flags per code, sorted by (code, release). */
struct clm_idx_mce {
	char code[8];
	uint16_t release;
	uint16_t flags;		/* enum clm_icd_flag bits */
};

/* PTP rows, sorted by (c1, c2, eff). */
struct clm_idx_ptp {
	char c1[8];
	char c2[8];
	int32_t eff, del;	/* del 0 = none */
	uint8_t mi;
	uint8_t pad[3];
};

/* MUE rows, sorted by (code, eff). */
struct clm_idx_mue {
	char code[8];
	int32_t eff, del;
	int32_t value;
	uint8_t mai;
	uint8_t pad[3];
};

#endif
