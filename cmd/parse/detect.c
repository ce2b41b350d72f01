/* clm-parse: the input format from its first bytes. */
#include <string.h>

#include "parse.h"

enum parse_format
parse_detect(const unsigned char *buf, size_t len)
{
	size_t i = 0, j;
	long commas = 0, tabs = 0;
	int quoted = 0;

	if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0)
		i = 3;
	for (j = i; j < len && (buf[j] == ' ' || buf[j] == '\t' ||
	    buf[j] == '\r' || buf[j] == '\n'); j++)
		;
	if (len - j >= 3 && memcmp(buf + j, "ISA", 3) == 0)
		return PARSE_X12;
	/* the header line, outside quotes */
	for (; i < len; i++) {
		if (buf[i] == '"')
			quoted = !quoted;
		else if (!quoted && buf[i] == '\n')
			break;
		else if (!quoted && buf[i] == ',')
			commas++;
		else if (!quoted && buf[i] == '\t')
			tabs++;
	}
	return tabs > commas ? PARSE_TSV : PARSE_CSV;
}
