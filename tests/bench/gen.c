/* Synthetic claim export for `make bench`: a nightly mix of outpatient
 * therapy, behavioral health and office-visit claims of 1-4 lines, every
 * 837P column filled with realistic widths, in the record format's
 * canonical columns.  About 94 % of the claims are clean under the full
 * official index; the rest carry one realistic defect each (a category
 * header or repeated diagnosis, units above the MUE, a bundled pair without
 * modifier, a bad NPI check digit, a total that is not the line sum, a
 * missing payer id).  Deterministic (fixed seed).
 * usage: gen N > file.csv */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static unsigned long seed = 12345;

static unsigned
rnd(unsigned n)
{
	seed = seed * 6364136223846793005UL + 1442695040888963407UL;
	return (unsigned)((seed >> 33) % n);
}

enum kind { PT, BH, EM };

static const char *pt_dx[] = { "M5450", "M25511", "M170", "S83511A",
	"M542", "M6281" };
static const char *bh_dx[] = { "F329", "F411", "F4310", "F4323" };
static const char *em_dx[] = { "E119", "I10", "J069", "M5450" };
static const char *pt_proc[] = { "97110", "97112", "97530", "97140" };
static const char *bh_proc[] = { "90837", "90834", "90791" };
static const char *em_proc[] = { "99213", "99214" };

enum defect { NONE, DX_HEADER, DX_DUP, MUE, PTP, NPI, TOTAL, PAYER };

struct claim {
	enum kind kind;
	enum defect defect;
	const char *dx[4];
	unsigned ndx;
	const char *proc[4];
	const char *mod[4];
	unsigned units[4];
	unsigned lines;
};

/* n distinct entries of list (size m) into out. */
static void
pick(const char **list, unsigned m, const char **out, unsigned n)
{
	unsigned idx[8], i;

	for (i = 0; i < m; i++)
		idx[i] = i;
	for (i = 0; i < n; i++) {
		unsigned j = i + rnd(m - i), t = idx[i];

		idx[i] = idx[j];
		idx[j] = t;
		out[i] = list[idx[i]];
	}
}

static void
fill(struct claim *c)
{
	unsigned k = rnd(100), i;

	memset(c, 0, sizeof(*c));
	c->kind = k < 45 ? PT : k < 80 ? BH : EM;
	if (c->kind == PT) {
		c->ndx = 1 + rnd(4);
		pick(pt_dx, 6, c->dx, c->ndx);
		c->lines = 1 + rnd(4);
		pick(pt_proc, 4, c->proc, c->lines);
		for (i = 0; i < c->lines; i++) {
			c->mod[i] = strcmp(c->proc[i], "97140") == 0 ?
			    "59" : "GP";
			c->units[i] = 1 + rnd(2);
		}
	} else if (c->kind == BH) {
		c->ndx = 1 + rnd(2);
		pick(bh_dx, 4, c->dx, c->ndx);
		c->lines = 1;
		pick(bh_proc, 3, c->proc, 1);
		c->mod[0] = "";
		c->units[0] = 1;
	} else {
		c->ndx = 1 + rnd(3);
		pick(em_dx, 4, c->dx, c->ndx);
		c->lines = 1;
		pick(em_proc, 2, c->proc, 1);
		c->mod[0] = "";
		c->units[0] = 1;
	}
	if (rnd(100) < 6)
		c->defect = 1 + rnd(7);
	switch (c->defect) {
	case DX_HEADER: c->dx[0] = "M545"; break;
	case DX_DUP:
		if (c->ndx < 4)
			c->ndx++;
		c->dx[c->ndx - 1] = c->dx[0];
		break;
	case MUE:
		c->proc[0] = "90837", c->units[0] = 3, c->mod[0] = "";
		break;
	case PTP:
		c->lines = 2;
		c->proc[0] = "90837", c->proc[1] = "90834";
		c->mod[0] = c->mod[1] = "", c->units[0] = c->units[1] = 1;
		break;
	default: break;
	}
}

static void
header(void)
{
	fputs("claim_id,claim_freq,pos,prior_auth,prov_signature,accept_assign,"
	    "benefits_assign,release_info,total_charge,bill_npi,bill_name,"
	    "bill_tin,bill_taxonomy,bill_addr1,bill_city,bill_state,bill_zip,"
	    "payer_id,payer_name,payer_seq,filing_ind,sub_id,sub_last,"
	    "sub_first,sub_dob,sub_sex,sub_addr1,sub_city,sub_state,sub_zip,"
	    "sub_group,pat_rel,rend_npi,rend_last,rend_first,ref_npi,ref_last,"
	    "ref_first,dx1,dx2,dx3,dx4,line_no,dos_from,dos_to,proc,mod1,mod2,"
	    "units,unit_type,charge,dx_ptr\n", stdout);
}

static void
claim(unsigned long i)
{
	struct claim c;
	unsigned d = 1 + rnd(27), m = 1 + rnd(9), total;
	unsigned long member = 100000000UL + rnd(900000000);
	char common[1024], payer[8] = "";

	fill(&c);
	total = c.lines * 100 + (c.defect == TOTAL ? 10 : 0);
	if (c.defect != PAYER)
		snprintf(payer, sizeof(payer), "%05u", 10000 + rnd(50));
	snprintf(common, sizeof(common),
	    "CLM%08lu,1,11,,Y,A,Y,Y,%u.00,1234567893,SPRINGFIELD THERAPY "
	    "GROUP,371234567,225100000X,1200 MAIN STREET,SPRINGFIELD,IL,"
	    "627041234,%s,PAYER %u HEALTH PLAN,P,CI,W%lu,PATIENTLAST%u,"
	    "FIRSTNAME%u,19%02u%02u%02u,%c,%u OAK AVENUE,SPRINGFIELD,IL,62704,"
	    "GRP%05u,18,%s,RENDERLAST,RENDERFIRST,1003000126,REFLAST,"
	    "REFFIRST,%s,%s,%s,%s", i, total, payer, rnd(50),
	    member, rnd(1000), rnd(1000), 40 + rnd(50), 1 + rnd(12),
	    1 + rnd(28), rnd(2) ? 'F' : 'M', rnd(9999), rnd(99999),
	    c.defect == NPI ? "1245319590" : "1245319599",
	    c.dx[0], c.ndx > 1 ? c.dx[1] : "", c.ndx > 2 ? c.dx[2] : "",
	    c.ndx > 3 ? c.dx[3] : "");
	for (unsigned l = 0; l < c.lines; l++)
		printf("%s,%u,2026%02u%02u,2026%02u%02u,%s,%s,,%u,UN,100.00,"
		    "%s\n", common, l + 1, m, d, m, d, c.proc[l], c.mod[l],
		    c.units[l], c.ndx > 1 ? "1:2" : "1");
}

int
main(int argc, char **argv)
{
	unsigned long n = argc > 1 ? strtoul(argv[1], NULL, 10) : 200000;

	header();
	for (unsigned long i = 1; i <= n; i++)
		claim(i);
	return 0;
}
