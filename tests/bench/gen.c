/* Synthetic claim export for `make bench`: N claims of 1-6 lines, 4
 * diagnoses, every 837P column filled with realistic widths, in the record
 * format's canonical columns.  Deterministic (fixed seed).
 * usage: gen N > file.csv */
#include <stdio.h>
#include <stdlib.h>

static unsigned long seed = 12345;

static unsigned
rnd(unsigned n)
{
	seed = seed * 6364136223846793005UL + 1442695040888963407UL;
	return (unsigned)((seed >> 33) % n);
}

static const char *procs[] = { "97110", "97112", "97140", "97530", "90837",
	"90834", "99213", "99214", "G0283", "97161" };
static const char *dxs[] = { "M5450", "M25511", "F329", "F411", "M542",
	"S83511A", "G4700", "M170", "F4310", "Z9889" };
static const char *mods[] = { "", "GP", "59", "KX", "25", "GO" };

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
	unsigned lines = 1 + rnd(6), d = 1 + rnd(27), m = 1 + rnd(9);
	unsigned long member = 100000000UL + rnd(900000000);
	char common[1024];
	int n;

	n = snprintf(common, sizeof(common),
	    "CLM%08lu,1,11,,Y,A,Y,Y,%u.00,1234567893,SPRINGFIELD THERAPY "
	    "GROUP,371234567,225100000X,1200 MAIN STREET,SPRINGFIELD,IL,"
	    "627041234,%05u,PAYER %u HEALTH PLAN,P,CI,W%lu,PATIENTLAST%u,"
	    "FIRSTNAME%u,19%02u%02u%02u,%c,%u OAK AVENUE,SPRINGFIELD,IL,62704,"
	    "GRP%05u,18,1245319599,RENDERLAST,RENDERFIRST,1003000126,REFLAST,"
	    "REFFIRST,%s,%s,%s,%s", i, lines * 100, 10000 + rnd(50), rnd(50),
	    member, rnd(1000), rnd(1000), 40 + rnd(50), 1 + rnd(12),
	    1 + rnd(28), rnd(2) ? 'F' : 'M', rnd(9999), rnd(99999),
	    dxs[rnd(10)], dxs[rnd(10)], dxs[rnd(10)], dxs[rnd(10)]);
	(void)n;
	for (unsigned l = 1; l <= lines; l++)
		printf("%s,%u,2026%02u%02u,2026%02u%02u,%s,%s,%s,%u,UN,100.00,"
		    "1:2\n", common, l, m, d, m, d, procs[rnd(10)],
		    mods[rnd(6)], rnd(4) ? "" : "59", 1 + rnd(4));
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
