#include <ctype.h>
#include <string.h>

#include "clm_codes.h"
#include "clm_edit_address.h"

#define MAX_WORDS 24
#define WORD_MAX 16

/* Words of an address, upper case, letters and digits only. */
static size_t
address_words(const char *s, char words[][WORD_MAX], size_t max)
{
	size_t n = 0;

	while (*s != '\0' && n < max) {
		size_t len = 0;

		while (*s != '\0' && !isalnum((unsigned char)*s))
			s++;
		while (isalnum((unsigned char)*s)) {
			if (len < WORD_MAX - 1)
				words[n][len++] = (char)toupper(
				    (unsigned char)*s);
			s++;
		}
		words[n][len] = '\0';
		if (len > 0)
			n++;
	}
	return n;
}

static int
word_is(char w[][WORD_MAX], size_t n, size_t i, const char *v)
{
	return i < n && strcmp(w[i], v) == 0;
}

/* w[i] is p, or p with its number run on ("POBOX12"); or p followed by
 * a word that starts with a digit, when the number is required. */
static int
box_word(char w[][WORD_MAX], size_t n, size_t i, const char *p,
    int number_required)
{
	size_t len = strlen(p);

	if (strncmp(w[i], p, len) != 0)
		return 0;
	if (w[i][len] != '\0')
		return clm_codes_digits(w[i] + len, strlen(w[i] + len));
	return !number_required ||
	    (i + 1 < n && isdigit((unsigned char)w[i + 1][0]));
}

int
clm_addr_is_pobox(const char *addr)
{
	char w[MAX_WORDS][WORD_MAX];
	size_t n = address_words(addr, w, MAX_WORDS);

	for (size_t i = 0; i < n; i++) {
		if (w[i][0] != 'P' && w[i][0] != 'L' && w[i][0] != 'B')
			continue;	/* every pattern starts so */
		if (box_word(w, n, i, "POBOX", 0) ||
		    box_word(w, n, i, "POSTOFFICEBOX", 0) ||
		    box_word(w, n, i, "POBX", 0) ||
		    box_word(w, n, i, "LOCKBOX", 0) ||
		    box_word(w, n, i, "POB", 1) ||
		    box_word(w, n, i, "PMB", 1))
			return 1;
		if (strcmp(w[i], "PO") == 0 && (word_is(w, n, i + 1, "BOX") ||
		    word_is(w, n, i + 1, "BX")))
			return 1;
		if (strcmp(w[i], "P") == 0 && word_is(w, n, i + 1, "O") &&
		    (word_is(w, n, i + 2, "BOX") || word_is(w, n, i + 2, "BX")))
			return 1;
		if (strcmp(w[i], "POST") == 0 && word_is(w, n, i + 1, "OFFICE")
		    && word_is(w, n, i + 2, "BOX"))
			return 1;
		if (strcmp(w[i], "LOCK") == 0 && word_is(w, n, i + 1, "BOX"))
			return 1;
		if (i == 0 && (box_word(w, n, i, "BOX", 1) ||
		    box_word(w, n, i, "BX", 1)))
			return 1;
	}
	return 0;
}

void
clm_edit_pobox(const struct clm_claim *c, const struct clm_header *h,
    struct clm_findings *f)
{
	static const enum clm_column cols[] = { CLM_COL_BILL_ADDR1,
	    CLM_COL_BILL_ADDR2 };

	if (c->n == 0)
		return;
	for (size_t i = 0; i < 2; i++)
		if (clm_addr_is_pobox(clm_row_get(c->rows[0], h, cols[i])))
			clm_finding_add(f, CLM_EDIT_ADDR_POBOX, 0,
			    clm_column_name(cols[i]), "the billing provider "
			    "address in %s is a PO box, lock box or private "
			    "mailbox; loop 2010AA needs a street address (put "
			    "the box in payto_*)", clm_column_name(cols[i]));
}
