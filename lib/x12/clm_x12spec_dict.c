/*
 * clm_x12spec_dict - the X12 005010 data dictionary for the segments the
 * health-care claim guides use: element number, type, minimum and maximum
 * length, mandatory in the standard, and the segment syntax notes.
 * Written from the X12 standard's element attributes as the public
 * implementation-guide summaries list them.
 */
#include <string.h>

#include "clm_x12spec.h"

#define E(r, t, mn, mx, m) { r, CLM_X12SPEC_##t, mn, mx, m }
#define C(r) { r, CLM_X12SPEC_COMP, 0, 0, 'O' }
#define CM(r) { r, CLM_X12SPEC_COMP, 0, 0, 'M' }
#define SEG(id, syn) { #id, sizeof(el_##id) / sizeof(el_##id[0]), el_##id, syn }

typedef struct clm_x12spec_el el_t;

static const el_t el_AMT[] = { E(522, ID, 1, 3, 'M'), E(782, R, 1, 18, 'M'),
	E(478, ID, 1, 1, 'O') };
static const el_t el_BHT[] = { E(1005, ID, 4, 4, 'M'), E(353, ID, 2, 2, 'M'),
	E(127, AN, 1, 50, 'O'), E(373, DT, 8, 8, 'O'), E(337, TM, 4, 8, 'O'),
	E(640, ID, 2, 2, 'O') };
static const el_t el_CAS[] = { E(1033, ID, 1, 2, 'M'),
	E(1034, ID, 1, 5, 'M'), E(782, R, 1, 18, 'M'), E(380, R, 1, 15, 'O'),
	E(1034, ID, 1, 5, 'O'), E(782, R, 1, 18, 'O'), E(380, R, 1, 15, 'O'),
	E(1034, ID, 1, 5, 'O'), E(782, R, 1, 18, 'O'), E(380, R, 1, 15, 'O'),
	E(1034, ID, 1, 5, 'O'), E(782, R, 1, 18, 'O'), E(380, R, 1, 15, 'O'),
	E(1034, ID, 1, 5, 'O'), E(782, R, 1, 18, 'O'), E(380, R, 1, 15, 'O'),
	E(1034, ID, 1, 5, 'O'), E(782, R, 1, 18, 'O'), E(380, R, 1, 15, 'O') };
static const el_t el_CLM[] = { E(1028, AN, 1, 38, 'M'),
	E(782, R, 1, 18, 'O'), E(1032, ID, 1, 2, 'O'), E(1343, ID, 1, 2, 'O'),
	CM(1023), E(1073, ID, 1, 1, 'O'), E(1359, ID, 1, 1, 'O'),
	E(1073, ID, 1, 1, 'O'), E(1363, ID, 1, 1, 'O'), E(1351, ID, 1, 1, 'O'),
	C(1024), E(1366, ID, 2, 3, 'O'), E(1338, ID, 1, 3, 'O'),
	E(1358, ID, 1, 2, 'O'), E(1360, ID, 1, 1, 'O'), E(1029, ID, 1, 2, 'O'),
	E(1383, ID, 1, 2, 'O'), E(1073, ID, 1, 1, 'O'), E(1337, ID, 1, 2, 'O'),
	E(1514, ID, 1, 2, 'O') };
static const el_t el_CN1[] = { E(1166, ID, 2, 2, 'M'), E(782, R, 1, 18, 'O'),
	E(332, R, 1, 6, 'O'), E(127, AN, 1, 50, 'O'), E(338, R, 1, 6, 'O'),
	E(799, AN, 1, 30, 'O') };
static const el_t el_CR1[] = { E(355, ID, 2, 2, 'O'), E(81, R, 1, 10, 'O'),
	E(1316, ID, 1, 1, 'O'), E(1049, ID, 1, 1, 'O'), E(355, ID, 2, 2, 'O'),
	E(380, R, 1, 15, 'O'), E(166, AN, 1, 55, 'O'), E(166, AN, 1, 55, 'O'),
	E(352, AN, 1, 80, 'O'), E(352, AN, 1, 80, 'O') };
static const el_t el_CR2[] = { E(609, N0, 1, 9, 'O'), E(609, N0, 1, 9, 'O'),
	E(355, ID, 2, 2, 'O'), E(380, R, 1, 15, 'O'), E(355, ID, 2, 2, 'O'),
	E(380, R, 1, 15, 'O'), E(380, R, 1, 15, 'O'), E(1342, ID, 1, 1, 'O'),
	E(1073, ID, 1, 1, 'O'), E(352, AN, 1, 80, 'O'),
	E(352, AN, 1, 80, 'O'), E(1073, ID, 1, 1, 'O') };
static const el_t el_CR3[] = { E(1322, ID, 1, 1, 'O'), E(355, ID, 2, 2, 'O'),
	E(380, R, 1, 15, 'O'), E(1335, ID, 1, 1, 'O'), E(352, AN, 1, 80, 'O') };
static const el_t el_CRC[] = { E(1136, ID, 2, 2, 'M'),
	E(1073, ID, 1, 1, 'M'), E(1321, ID, 2, 3, 'M'), E(1321, ID, 2, 3, 'O'),
	E(1321, ID, 2, 3, 'O'), E(1321, ID, 2, 3, 'O'),
	E(1321, ID, 2, 3, 'O') };
static const el_t el_CTP[] = { E(687, ID, 2, 2, 'O'), E(236, ID, 3, 3, 'O'),
	E(212, R, 1, 17, 'O'), E(380, R, 1, 15, 'O'), C(1001) };
static const el_t el_CUR[] = { E(98, ID, 2, 3, 'M'), E(100, ID, 3, 3, 'M') };
static const el_t el_DMG[] = { E(1250, ID, 2, 3, 'O'),
	E(1251, AN, 1, 35, 'O'), E(1068, ID, 1, 1, 'O') };
static const el_t el_DTP[] = { E(374, ID, 3, 3, 'M'), E(1250, ID, 2, 3, 'M'),
	E(1251, AN, 1, 35, 'M') };
static const el_t el_FRM[] = { E(350, AN, 1, 20, 'M'), E(1073, ID, 1, 1, 'O'),
	E(127, AN, 1, 50, 'O'), E(373, DT, 8, 8, 'O'), E(332, R, 1, 6, 'O') };
static const el_t el_GE[] = { E(97, N0, 1, 6, 'M'), E(28, N0, 1, 9, 'M') };
static const el_t el_GS[] = { E(479, ID, 2, 2, 'M'), E(142, AN, 2, 15, 'M'),
	E(124, AN, 2, 15, 'M'), E(373, DT, 8, 8, 'M'), E(337, TM, 4, 8, 'M'),
	E(28, N0, 1, 9, 'M'), E(455, ID, 1, 2, 'M'), E(480, AN, 1, 12, 'M') };
static const el_t el_HCP[] = { E(1473, ID, 2, 2, 'M'), E(782, R, 1, 18, 'O'),
	E(782, R, 1, 18, 'O'), E(127, AN, 1, 50, 'O'), E(118, R, 1, 9, 'O'),
	E(127, AN, 1, 50, 'O'), E(782, R, 1, 18, 'O'), E(234, AN, 1, 48, 'O'),
	E(235, ID, 2, 2, 'O'), E(234, AN, 1, 48, 'O'), E(355, ID, 2, 2, 'O'),
	E(380, R, 1, 15, 'O'), E(901, ID, 1, 2, 'O'), E(1526, ID, 1, 2, 'O'),
	E(1527, ID, 1, 2, 'O') };
static const el_t el_HI[] = { CM(1022), C(1022), C(1022), C(1022), C(1022),
	C(1022), C(1022), C(1022), C(1022), C(1022), C(1022), C(1022) };
static const el_t el_HL[] = { E(628, AN, 1, 12, 'M'), E(734, AN, 1, 12, 'O'),
	E(735, ID, 1, 2, 'M'), E(736, ID, 1, 1, 'O') };
static const el_t el_IEA[] = { E(0, N0, 1, 5, 'M'), E(0, N0, 9, 9, 'M') };
static const el_t el_K3[] = { E(449, AN, 1, 80, 'M'), E(1333, ID, 1, 2, 'O'),
	C(1001) };
static const el_t el_LIN[] = { E(350, AN, 1, 20, 'O'), E(235, ID, 2, 2, 'M'),
	E(234, AN, 1, 48, 'M') };
static const el_t el_LQ[] = { E(1270, ID, 1, 3, 'O'),
	E(1271, AN, 1, 30, 'O') };
static const el_t el_LX[] = { E(554, N0, 1, 6, 'M') };
static const el_t el_MEA[] = { E(737, ID, 2, 2, 'O'), E(738, ID, 1, 3, 'O'),
	E(739, R, 1, 20, 'O') };
static const el_t el_MOA[] = { E(954, R, 1, 10, 'O'), E(782, R, 1, 18, 'O'),
	E(127, AN, 1, 50, 'O'), E(127, AN, 1, 50, 'O'), E(127, AN, 1, 50, 'O'),
	E(127, AN, 1, 50, 'O'), E(127, AN, 1, 50, 'O'), E(782, R, 1, 18, 'O'),
	E(782, R, 1, 18, 'O') };
static const el_t el_N3[] = { E(166, AN, 1, 55, 'M'), E(166, AN, 1, 55, 'O') };
static const el_t el_N4[] = { E(19, AN, 2, 30, 'O'), E(156, ID, 2, 2, 'O'),
	E(116, ID, 3, 15, 'O'), E(26, ID, 2, 3, 'O'), E(309, ID, 1, 2, 'O'),
	E(310, AN, 1, 30, 'O'), E(1715, ID, 1, 3, 'O') };
static const el_t el_NM1[] = { E(98, ID, 2, 3, 'M'), E(1065, ID, 1, 1, 'M'),
	E(1035, AN, 1, 60, 'O'), E(1036, AN, 1, 35, 'O'),
	E(1037, AN, 1, 25, 'O'), E(1038, AN, 1, 10, 'O'),
	E(1039, AN, 1, 10, 'O'), E(66, ID, 1, 2, 'O'), E(67, AN, 2, 80, 'O'),
	E(706, ID, 2, 2, 'O'), E(98, ID, 2, 3, 'O'), E(1035, AN, 1, 60, 'O') };
static const el_t el_NTE[] = { E(363, ID, 3, 3, 'O'), E(352, AN, 1, 80, 'M') };
static const el_t el_OI[] = { E(1032, ID, 1, 2, 'O'), E(1383, ID, 1, 2, 'O'),
	E(1073, ID, 1, 1, 'O'), E(1351, ID, 1, 1, 'O'), E(1360, ID, 1, 1, 'O'),
	E(1363, ID, 1, 1, 'O') };
static const el_t el_PAT[] = { E(1069, ID, 2, 2, 'O'), E(1384, ID, 1, 1, 'O'),
	E(584, ID, 1, 2, 'O'), E(1220, ID, 1, 1, 'O'), E(1250, ID, 2, 3, 'O'),
	E(1251, AN, 1, 35, 'O'), E(355, ID, 2, 2, 'O'), E(81, R, 1, 10, 'O'),
	E(1073, ID, 1, 1, 'O') };
static const el_t el_PER[] = { E(366, ID, 2, 2, 'M'), E(93, AN, 1, 60, 'O'),
	E(365, ID, 2, 2, 'O'), E(364, AN, 1, 256, 'O'), E(365, ID, 2, 2, 'O'),
	E(364, AN, 1, 256, 'O'), E(365, ID, 2, 2, 'O'), E(364, AN, 1, 256, 'O'),
	E(443, AN, 1, 20, 'O') };
static const el_t el_PRV[] = { E(1221, ID, 1, 3, 'M'), E(128, ID, 2, 3, 'O'),
	E(127, AN, 1, 50, 'O'), E(156, ID, 2, 2, 'O'), C(1035),
	E(1223, ID, 3, 3, 'O') };
static const el_t el_PS1[] = { E(127, AN, 1, 50, 'M'), E(782, R, 1, 18, 'M'),
	E(156, ID, 2, 2, 'O') };
static const el_t el_PWK[] = { E(755, ID, 2, 2, 'M'), E(756, ID, 1, 2, 'O'),
	E(757, N0, 1, 2, 'O'), E(98, ID, 2, 3, 'O'), E(66, ID, 1, 2, 'O'),
	E(67, AN, 2, 80, 'O'), E(352, AN, 1, 80, 'O'), C(1002),
	E(1525, ID, 1, 1, 'O') };
static const el_t el_QTY[] = { E(673, ID, 2, 2, 'M'), E(380, R, 1, 15, 'O'),
	C(1001), E(61, AN, 1, 30, 'O') };
static const el_t el_REF[] = { E(128, ID, 2, 3, 'M'), E(127, AN, 1, 50, 'O'),
	E(352, AN, 1, 80, 'O'), C(1040) };
static const el_t el_SBR[] = { E(1138, ID, 1, 1, 'M'),
	E(1069, ID, 2, 2, 'O'), E(127, AN, 1, 50, 'O'), E(93, AN, 1, 60, 'O'),
	E(1336, ID, 1, 3, 'O'), E(1143, ID, 1, 1, 'O'), E(1073, ID, 1, 1, 'O'),
	E(584, ID, 1, 2, 'O'), E(1032, ID, 1, 2, 'O') };
static const el_t el_SE[] = { E(96, N0, 1, 10, 'M'), E(329, AN, 4, 9, 'M') };
static const el_t el_ST[] = { E(143, ID, 3, 3, 'M'), E(329, AN, 4, 9, 'M'),
	E(1705, AN, 1, 35, 'O') };
static const el_t el_SV1[] = { CM(1003), E(782, R, 1, 18, 'O'),
	E(355, ID, 2, 2, 'O'), E(380, R, 1, 15, 'O'), E(1331, AN, 1, 2, 'O'),
	E(1365, ID, 1, 2, 'O'), C(1004), E(1073, ID, 1, 1, 'O'),
	E(1073, ID, 1, 1, 'O'), E(1340, ID, 1, 2, 'O'), E(1073, ID, 1, 1, 'O'),
	E(1073, ID, 1, 1, 'O'), E(1364, ID, 1, 2, 'O'), E(1341, AN, 1, 2, 'O'),
	E(1327, ID, 1, 1, 'O'), E(1334, ID, 1, 2, 'O'), E(127, AN, 1, 50, 'O'),
	E(116, ID, 3, 15, 'O'), E(1337, ID, 1, 2, 'O'), E(1360, ID, 1, 1, 'O'),
	E(1368, ID, 1, 2, 'O') };
static const el_t el_SV5[] = { CM(1003), E(355, ID, 2, 2, 'M'),
	E(380, R, 1, 15, 'M'), E(782, R, 1, 18, 'O'), E(782, R, 1, 18, 'O'),
	E(594, ID, 1, 1, 'O'), E(923, ID, 1, 1, 'O') };
static const el_t el_SVD[] = { E(67, AN, 2, 80, 'M'), E(782, R, 1, 18, 'M'),
	C(1003), E(234, AN, 1, 48, 'O'), E(380, R, 1, 15, 'O'),
	E(554, N0, 1, 6, 'O') };

/* By id, sorted (binary search). */
static const struct clm_x12spec_seg dict[] = {
	SEG(AMT, ""), SEG(BHT, ""),
	SEG(CAS, "L050607 C0605 C0705 L080910 C0908 C1008 L111213 C1211 "
	    "C1311 L141516 C1514 C1614 L171819 C1817 C1917"),
	SEG(CLM, ""), SEG(CN1, ""), SEG(CR1, "P0102 P0506"), SEG(CR2, "P0102 P0506"),
	SEG(CR3, "P0203"),
	SEG(CRC, ""), SEG(CTP, "P0405"), SEG(CUR, ""), SEG(DMG, "P0102"),
	SEG(DTP, ""), SEG(FRM, "R0203"), SEG(GE, ""), SEG(GS, ""),
	SEG(HCP, "R0113 P0910 P1112"), SEG(HI, ""), SEG(HL, ""), SEG(IEA, ""),
	SEG(K3, ""), SEG(LIN, ""), SEG(LQ, "C0102"), SEG(LX, ""),
	SEG(MEA, "R03050608"), SEG(MOA, ""), SEG(N3, ""), SEG(N4, "C0605"),
	SEG(NM1, "P0809 C1110 C1203"), SEG(NTE, ""), SEG(OI, ""),
	SEG(PAT, "P0506 P0708"), SEG(PER, "P0304 P0506 P0708"),
	SEG(PRV, "P0203"), SEG(PS1, ""), SEG(PWK, "P0506"),
	SEG(QTY, "E0204 R0204"), SEG(REF, "R0203"), SEG(SBR, ""), SEG(SE, ""),
	SEG(ST, ""), SEG(SV1, "P0304"), SEG(SV5, ""), SEG(SVD, ""),
};

/* Components of the composites the guides use. */
static const el_t c_1001[] = { E(355, ID, 2, 2, 'M'), E(1018, R, 1, 15, 'O'),
	E(649, R, 1, 10, 'O') };
static const el_t c_1002[] = { E(704, ID, 1, 2, 'M'), E(704, ID, 1, 2, 'O'),
	E(704, ID, 1, 2, 'O'), E(704, ID, 1, 2, 'O'), E(704, ID, 1, 2, 'O') };
static const el_t c_1003[] = { E(235, ID, 2, 2, 'M'), E(234, AN, 1, 48, 'M'),
	E(1339, AN, 2, 2, 'O'), E(1339, AN, 2, 2, 'O'), E(1339, AN, 2, 2, 'O'),
	E(1339, AN, 2, 2, 'O'), E(352, AN, 1, 80, 'O'),
	E(234, AN, 1, 48, 'O') };
static const el_t c_1004[] = { E(1328, N0, 1, 2, 'M'), E(1328, N0, 1, 2, 'O'),
	E(1328, N0, 1, 2, 'O'), E(1328, N0, 1, 2, 'O') };
static const el_t c_1022[] = { E(1270, ID, 1, 3, 'M'),
	E(1271, AN, 1, 30, 'M'), E(1250, ID, 2, 3, 'O'),
	E(1251, AN, 1, 35, 'O'), E(782, R, 1, 18, 'O'), E(380, R, 1, 15, 'O'),
	E(799, AN, 1, 30, 'O'), E(1271, AN, 1, 30, 'O'),
	E(1073, ID, 1, 1, 'O') };
static const el_t c_1023[] = { E(1331, AN, 1, 2, 'M'),
	E(1332, ID, 1, 2, 'O'), E(1325, ID, 1, 1, 'O') };
static const el_t c_1024[] = { E(1362, ID, 2, 3, 'M'), E(1362, ID, 2, 3, 'O'),
	E(1362, ID, 2, 3, 'O'), E(156, ID, 2, 2, 'O'), E(26, ID, 2, 3, 'O') };
static const el_t c_1035[] = { E(1222, ID, 2, 2, 'M'), E(559, ID, 2, 2, 'O'),
	E(1222, ID, 2, 2, 'O') };
static const el_t c_1040[] = { E(128, ID, 2, 3, 'M'), E(127, AN, 1, 50, 'M'),
	E(128, ID, 2, 3, 'O'), E(127, AN, 1, 50, 'O'), E(128, ID, 2, 3, 'O'),
	E(127, AN, 1, 50, 'O') };

static const struct {
	unsigned short ref;
	unsigned char n;
	const el_t *c;
} comps[] = {
#define COMP(r) { r, sizeof(c_##r) / sizeof(c_##r[0]), c_##r }
	COMP(1001), COMP(1002), COMP(1003), COMP(1004), COMP(1022),
	COMP(1023), COMP(1024), COMP(1035), COMP(1040),
#undef COMP
};

const struct clm_x12spec_seg *
clm_x12spec_dict(const char *id)
{
	size_t lo = 0, hi = sizeof(dict) / sizeof(dict[0]);

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = strcmp(dict[mid].id, id);

		if (c == 0)
			return &dict[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

const struct clm_x12spec_el *
clm_x12spec_el(const struct clm_x12spec_seg *d, size_t i)
{
	return d != NULL && i >= 1 && i <= d->nel ? &d->el[i - 1] : NULL;
}

const struct clm_x12spec_el *
clm_x12spec_comp(unsigned short ref, size_t k)
{
	for (size_t i = 0; i < sizeof(comps) / sizeof(comps[0]); i++)
		if (comps[i].ref == ref)
			return k >= 1 && k <= comps[i].n ? &comps[i].c[k - 1] :
			    NULL;
	return NULL;
}
