#include <stdio.h>
#include <string.h>

#include "clm_837p.h"
#include "clm_codes.h"
#include "clm_edit_pointers.h"

/* A code-shaped value for a message: at most 16 characters; anything else
 * (a shifted birth date, a name) is never quoted. */
#define SHOWN "%.16s"

static void
bad_pointers(struct clm_findings *f, enum clm_edit e, long line,
    const char *v, const char *what)
{
	if (clm_codes_quotable(v))
		clm_finding_add(f, e, line, "dx_ptr", "dx_ptr '" SHOWN "' %s",
		    v, what);
	else
		clm_finding_add(f, e, line, "dx_ptr", "dx_ptr %s (its value "
		    "does not look like pointers and is not shown)", what);
}

int
clm_edit_line_pointers(const struct clm_row *r0, const struct clm_row *r,
    const struct clm_header *h, long line, int ptr[4],
    struct clm_findings *f)
{
	const char *v = clm_row_get(r, h, CLM_COL_DX_PTR);
	char what[64];
	int n, count = 1;

	if (v[0] == '\0') {
		clm_finding_add(f, CLM_EDIT_DXPTR_MISSING, line, "dx_ptr",
		    "the line has no diagnosis pointer: point it at the "
		    "diagnosis (dx1-dx12) the service treats");
		return 0;
	}
	n = clm_codes_dxptr_parse(v, ptr, CLM_837P_MAX_PTRS);
	switch (n) {
	case CLM_DXPTR_EFORM:
		bad_pointers(f, CLM_EDIT_DXPTR_RANGE, line, v,
		    "is not pointers 1-12 joined by ':'");
		return 0;
	case CLM_DXPTR_ERANGE:
		snprintf(what, sizeof(what), "holds a pointer outside 1-%d",
		    CLM_837P_MAX_DX);
		bad_pointers(f, CLM_EDIT_LIMIT_PTR, line, v, what);
		return 0;
	case CLM_DXPTR_ECOUNT:
		for (const char *p = v; *p != '\0'; p++)
			count += *p == ':';
		clm_finding_add(f, CLM_EDIT_LIMIT_PTR, line, "dx_ptr",
		    "%d diagnosis pointers; a line carries at most %d", count,
		    CLM_837P_MAX_PTRS);
		return 0;
	default:
		break;
	}
	for (int i = 0; i < n; i++)
		if (clm_row_get(r0, h, CLM_COL_DX(ptr[i]))[0] == '\0')
			clm_finding_add(f, CLM_EDIT_DXPTR_RANGE, line, "dx_ptr",
			    "dx_ptr %d points at dx%d, which the claim does not "
			    "have", ptr[i], ptr[i]);
	return n;
}
