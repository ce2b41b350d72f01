/*
 * clm_x12spec_837p - the 837P professional claim guide (005010X222A1) as
 * data: per loop, the segments with usage, repeat, the qualifier that
 * selects the entry, element usage and the guide's internal code lists.
 * Written by hand from the guide's rules as public summaries describe
 * them (research/claims-landscape.md section 4); external code lists
 * (place of service, taxonomy, states, CARC) are the code checker's.
 * Loop "*" is the entry used in every loop without its own.
 */
#include "clm_x12spec.h"

#define PWK01 "03 04 05 06 07 08 09 10 11 13 15 21 A3 A4 AM AS B2 B3 B4 " \
	"BR BS BT CB CK CT D2 DA DB DG DJ DS EB HC HR I5 IR LA M1 MT NN OB " \
	"OC OD OE OX OZ P4 P5 PE PN PO PQ PY PZ RB RR RT RX SG V5 XP"
#define SBR01 "A B C D E F G H P S T U"
#define SBR05 "12 13 14 15 16 41 42 43 47"
#define SBR09 "11 12 13 14 15 16 17 AM BL CH CI DS FI HM LM MA MB MC OF " \
	"TV VA WC ZZ"
#define REL "01 18 19 20 21 39 40 53 G8"
#define DTP2300 "431 454 304 453 439 484 455 471 314 360 361 297 296 435 " \
	"096 090 091 444 050"
#define DTP2400 "472 471 607 463 461 304 738 739 011 455 454"
#define REF2300 "4N F5 EW 9F G1 F8 X4 9A 9C LX D9 EA P4 1J"
#define REF2400 "9B 9D G1 9F 6R EW X4 F4 BT"
#define PROVREF "0B 1G G2 LU"
#define HCP01 "00 01 02 03 04 05 07 08 09 10 11 12 13 14"

static const struct clm_x12spec_use use[] = {
	/* envelope and header (every loop) */
	{ "*", "ST", 'R', 1, "", "RRR", "1=837" },
	{ "*", "SE", 'R', 1, "", "RR", "" },
	{ "*", "GS", 'R', 1, "", "RRRRRRRR", "1=HC;7=X" },
	{ "*", "GE", 'R', 1, "", "RR", "" },
	{ "*", "IEA", 'R', 1, "", "RR", "" },
	{ "header", "BHT", 'R', 1, "", "RRRRRR", "1=0019;2=00 18;6=31 CH RP" },
	/* segments used alike in every loop that has them */
	{ "*", "N3", 'R', 1, "", "RS", "" },
	{ "*", "N4", 'R', 1, "", "RSSSNNS", "" },
	{ "*", "REF", 'S', 0, "", "RRNN", "" },
	{ "*", "PER", 'S', 2, "", "RSRRSSSSN", "1=IC;3=EM FX TE;5=EM EX FX "
	    "TE;7=EM EX FX TE" },
	{ "*", "DMG", 'S', 1, "", "RRR", "1=D8;3=F M U" },
	{ "*", "PRV", 'S', 1, "", "RRR", "1=PE;2=PXC" },
	{ "*", "CAS", 'S', 5, "", "RRRSSSSSSSSSSSSSSSS", "1=CO CR OA PI PR" },
	{ "*", "DTP", 'S', 1, "", "RRR", "2=D8 RD8" },
	{ "*", "LX", 'R', 1, "", "R", "" },
	{ "*", "AMT", 'S', 1, "", "RRN", "" },
	{ "*", "K3", 'S', 10, "", "RNN", "" },
	{ "*", "PS1", 'S', 1, "", "RRN", "" },
	{ "*", "LQ", 'S', 1, "", "RR", "1=AS UT" },
	{ "*", "MOA", 'S', 1, "", "SSSSSSSSS", "" },
	/* 1000A, 1000B */
	{ "1000A", "NM1", 'R', 1, "41", "RRRSSNNRR", "1=41;2=1 2;8=46" },
	{ "1000A", "PER", 'R', 2, "", "RSRRSSSSN", "1=IC;3=EM FX TE;5=EM EX "
	    "FX TE;7=EM EX FX TE" },
	{ "1000B", "NM1", 'R', 1, "40", "RRRNNNNRR", "1=40;2=2;8=46" },
	/* 2000A billing provider */
	{ "2000A", "HL", 'R', 1, "", "RNRR", "3=20;4=1" },
	{ "2000A", "PRV", 'S', 1, "BI", "RRR", "1=BI;2=PXC" },
	{ "2000A", "CUR", 'S', 1, "", "RR", "1=85" },
	{ "2010AA", "NM1", 'R', 1, "85", "RRRSSNSRR", "1=85;2=1 2;8=XX" },
	{ "2010AA", "REF", 'R', 1, "", "RRNN", "1=EI SY 0B 1G" },
	{ "2010AB", "NM1", 'S', 1, "87", "RRNNNNNNN", "1=87;2=1 2" },
	{ "2010AB", "N3", 'R', 1, "", "RS", "" },
	{ "2010AB", "N4", 'R', 1, "", "RSSSNNS", "" },
	{ "2010AC", "NM1", 'S', 1, "PE", "RRRNNNNRR", "1=PE;2=2;8=PI XV" },
	/* 2000B subscriber */
	{ "2000B", "HL", 'R', 1, "", "RRRR", "3=22;4=0 1" },
	{ "2000B", "SBR", 'R', 1, "", "RSSSSNNNS", "1=" SBR01 ";2=18;5="
	    SBR05 ";9=" SBR09 },
	{ "2000B", "PAT", 'S', 1, "", "NNNNSSSSS", "5=D8;7=01;9=Y" },
	{ "2010BA", "NM1", 'R', 1, "IL", "RRRSSNSRR", "1=IL;2=1 2;8=II MI" },
	{ "2010BA", "REF", 'S', 2, "", "RRNN", "1=SY Y4" },
	{ "2010BB", "NM1", 'R', 1, "PR", "RRRNNNNRR", "1=PR;2=2;8=PI XV" },
	{ "2010BB", "REF", 'S', 2, "", "RRNN", "1=2U EI FY NF G2 LU" },
	/* 2000C patient */
	{ "2000C", "HL", 'S', 1, "", "RRRR", "3=23;4=0" },
	{ "2000C", "PAT", 'R', 1, "", "RNNNSSSSS", "1=" REL ";5=D8;7=01;9=Y" },
	{ "2010CA", "NM1", 'R', 1, "QC", "RRRSSNSNN", "1=QC;2=1" },
	{ "2010CA", "REF", 'S', 2, "", "RRNN", "1=Y4 1W SY" },
	/* 2300 claim */
	{ "2300", "CLM", 'R', 1, "", "RRNNRRRRRSSSNNNNNNNS", "5.2=B;5.3=1 "
	    "6 7 8;6=N Y;7=A B C;8=N W Y;9=I Y;10=P;11.1=AA EM OA;11.2=AA "
	    "EM OA;12=02 03 05 09;20=1 2 3 4 5 6 7 8 9 10 11 15" },
	{ "2300", "DTP", 'S', 1, "", "RRR", "1=" DTP2300 ";2=D8 RD8" },
	{ "2300", "PWK", 'S', 10, "", "RRNNSS", "1=" PWK01 ";2=AA BM EL EM "
	    "FT FX;5=AC" },
	{ "2300", "CN1", 'S', 1, "", "RSSSSS", "1=01 02 03 04 05 06 09" },
	{ "2300", "AMT", 'S', 1, "", "RRN", "1=F5" },
	{ "2300", "REF", 'S', 1, "", "RRNN", "1=" REF2300 },
	{ "2300", "NTE", 'S', 1, "", "RR", "1=ADD CER DCP DGN TPO" },
	{ "2300", "CRC", 'S', 1, "", "RRRSSSS", "1=07 E1 E2 E3 75 ZZ;2=N Y" },
	{ "2300", "K3", 'S', 10, "", "RNN", "" },
	{ "2300", "CR1", 'S', 1, "", "SSNRRRNNSS", "1=LB;4=A B C D E;5=DH" },
	{ "2300", "CR2", 'S', 1, "", "NNNNNNNRNSSN", "8=A C D E F G M" },
	{ "2300", "HCP", 'S', 1, "", "RRSSSSSNNNNNSSS", "1=" HCP01 ";13=T1 "
	    "T2 T3 T4 T5 T6;14=1 2 3 4 5;15=1 2 3 4 5 6" },
	/* 2310 claim providers */
	{ "2310A", "NM1", 'S', 2, "DN P3", "RRRSSNSSS", "1=DN P3;2=1;8=XX" },
	{ "2310A", "REF", 'S', 3, "", "RRNN", "1=" PROVREF },
	{ "2310B", "NM1", 'S', 1, "82", "RRRSSNSSS", "1=82;2=1 2;8=XX" },
	{ "2310B", "REF", 'S', 4, "", "RRNN", "1=" PROVREF },
	{ "2310C", "NM1", 'S', 1, "77", "RRRNNNNSS", "1=77;2=2;8=XX" },
	{ "2310C", "N3", 'R', 1, "", "RS", "" },
	{ "2310C", "N4", 'R', 1, "", "RSSSNNS", "" },
	{ "2310C", "REF", 'S', 3, "", "RRNN", "1=0B G2 LU" },
	{ "2310D", "NM1", 'S', 1, "DQ", "RRRSSNSSS", "1=DQ;2=1;8=XX" },
	{ "2310D", "REF", 'S', 4, "", "RRNN", "1=" PROVREF },
	{ "2310E", "NM1", 'S', 1, "PW", "RR", "1=PW;2=2" },
	{ "2310E", "N3", 'R', 1, "", "RS", "" },
	{ "2310E", "N4", 'R', 1, "", "RSSSNNS", "" },
	{ "2310F", "NM1", 'S', 1, "45", "RR", "1=45;2=2" },
	{ "2310F", "N3", 'R', 1, "", "RS", "" },
	{ "2310F", "N4", 'R', 1, "", "RSSSNNS", "" },
	/* 2320/2330 other subscriber */
	{ "2320", "SBR", 'R', 1, "", "RRSSSNNNS", "1=" SBR01 ";2=" REL ";5="
	    SBR05 ";9=" SBR09 },
	{ "2320", "AMT", 'S', 1, "", "RRN", "1=D A8 EAF" },
	{ "2320", "OI", 'R', 1, "", "NNRSNR", "3=N W Y;4=P;6=I Y" },
	{ "2330A", "NM1", 'R', 1, "IL", "RRRSSNSRR", "1=IL;2=1 2;8=II MI" },
	{ "2330B", "NM1", 'R', 1, "PR", "RRRNNNNRR", "1=PR;2=2;8=PI XV" },
	{ "2330B", "DTP", 'S', 1, "", "RRR", "1=573;2=D8" },
	{ "2330B", "REF", 'S', 2, "", "RRNN", "1=2U EI FY NF G1 9F T4 F8" },
	/* 2330C-G other payer's providers: NM101 and NM102 only, the id in
	 * a required REF */
	{ "2330C", "NM1", 'R', 1, "DN P3", "RR", "1=DN P3;2=1" },
	{ "2330C", "REF", 'R', 3, "", "RRNN", "1=0B 1G G2" },
	{ "2330D", "NM1", 'R', 1, "82", "RR", "1=82;2=1 2" },
	{ "2330D", "REF", 'R', 3, "", "RRNN", "1=" PROVREF },
	{ "2330E", "NM1", 'R', 1, "77", "RR", "1=77;2=2" },
	{ "2330E", "REF", 'R', 3, "", "RRNN", "1=0B G2 LU" },
	{ "2330F", "NM1", 'R', 1, "DQ", "RR", "1=DQ;2=1" },
	{ "2330F", "REF", 'R', 3, "", "RRNN", "1=" PROVREF },
	{ "2330G", "NM1", 'R', 1, "85", "RR", "1=85;2=1 2" },
	{ "2330G", "REF", 'R', 2, "", "RRNN", "1=G2 LU" },
	/* 2400 service line */
	{ "2400", "SV1", 'R', 1, "", "RRRRSNRNSNSSNNS", "1.1=ER HC IV WK;"
	    "3=MJ UN;9=Y;11=Y;12=Y" },
	{ "2400", "PWK", 'S', 10, "", "RRNNSS", "1=" PWK01 ";2=AA BM EL EM "
	    "FT FX AB AD AF AG NS;5=AC" },
	{ "2400", "CR3", 'S', 1, "", "RRR", "1=I R S;2=MO" },
	{ "2400", "CRC", 'S', 1, "", "RRRSSSS", "1=07 70 09;2=N Y" },
	{ "2400", "DTP", 'R', 1, "", "RRR", "1=" DTP2400 ";2=D8 RD8" },
	{ "2400", "QTY", 'S', 1, "", "RR", "1=PT FL" },
	{ "2400", "MEA", 'S', 5, "", "RRR", "1=OG TR;2=HT R1 R2 R3 R4" },
	{ "2400", "CN1", 'S', 1, "", "RSSSSS", "1=01 02 03 04 05 06 09" },
	{ "2400", "REF", 'S', 1, "", "RRNN", "1=" REF2400 },
	{ "2400", "AMT", 'S', 1, "", "RRN", "1=T F4" },
	{ "2400", "NTE", 'S', 1, "", "RR", "1=ADD DCP TPO" },
	{ "2400", "K3", 'S', 10, "", "RNN", "" },
	{ "2400", "CR1", 'S', 1, "", "SSNRRRNNSS", "1=LB;4=A B C D E;5=DH" },
	{ "2400", "HCP", 'S', 1, "", "RRSSSSSNSSSSSSS", "1=" HCP01 " 06;9=ER "
	    "HC IV WK;11=MJ UN;13=T1 T2 T3 T4 T5 T6;14=1 2 3 4 5;15=1 2 3 4 "
	    "5 6" },
	{ "2410", "LIN", 'S', 1, "", "NRR", "2=EN EO HI N4 ON UK UP" },
	{ "2410", "CTP", 'R', 1, "", "NNNRR", "5.1=F2 GR ME ML UN" },
	{ "2410", "REF", 'S', 1, "", "RRNN", "1=XZ VY" },
	{ "2420A", "NM1", 'S', 1, "82", "RRRSSNSSS", "1=82;2=1 2;8=XX" },
	{ "2420A", "PRV", 'S', 1, "PE", "RRR", "1=PE;2=PXC" },
	{ "2420A", "REF", 'S', 20, "", "RRNN", "1=" PROVREF },
	{ "2420B", "NM1", 'S', 1, "QB", "RRNNNNNSS", "1=QB;2=1 2;8=XX" },
	{ "2420B", "REF", 'S', 20, "", "RRNS", "1=0B 1G G2;4.1=2U" },
	{ "2420C", "NM1", 'S', 1, "77", "RRRNNNNSS", "1=77;2=2;8=XX" },
	{ "2420C", "N3", 'R', 1, "", "RS", "" },
	{ "2420C", "N4", 'R', 1, "", "RSSSNNS", "" },
	{ "2420D", "NM1", 'S', 1, "DQ", "RRRSSNSSS", "1=DQ;2=1;8=XX" },
	{ "2420E", "NM1", 'S', 1, "DK", "RRRSSNSSS", "1=DK;2=1;8=XX" },
	{ "2420E", "REF", 'S', 20, "", "RRNS", "1=0B 1G G2;4.1=2U" },
	{ "2420E", "PER", 'S', 1, "", "RSRRSSSSN", "1=IC;3=EM FX TE;5=EM EX "
	    "FX TE;7=EM EX FX TE" },
	{ "2420F", "NM1", 'S', 2, "DN P3", "RRRSSNSSS", "1=DN P3;2=1;8=XX" },
	{ "2420G", "NM1", 'S', 1, "PW", "RR", "1=PW;2=2" },
	{ "2420G", "N3", 'R', 1, "", "RS", "" },
	{ "2420G", "N4", 'R', 1, "", "RSSSNNS", "" },
	{ "2420H", "NM1", 'S', 1, "45", "RR", "1=45;2=2" },
	{ "2420H", "N3", 'R', 1, "", "RS", "" },
	{ "2420H", "N4", 'R', 1, "", "RSSSNNS", "" },
	{ "2430", "SVD", 'R', 1, "", "RRRNRS", "" },
	{ "2430", "DTP", 'R', 1, "", "RRR", "1=573;2=D8" },
};

/*
 * The loops: the segments each holds after the one that opens it, in
 * guide order (the reader's sequence check and "allowed here").
 */
static const struct clm_x12spec_loop loops[] = {
	{ "envelope", "" },
	{ "header", " BHT " },
	{ "1000A", " PER " },
	{ "1000B", "" },
	{ "2000A", " PRV CUR " },
	{ "2010AA", " N3 N4 REF PER " },
	{ "2010AB", " N3 N4 " },
	{ "2010AC", " N3 N4 REF " },
	{ "2000B", " SBR PAT " },
	{ "2010BA", " N3 N4 DMG REF PER " },
	{ "2010BB", " N3 N4 REF " },
	{ "2000C", " PAT " },
	{ "2010CA", " N3 N4 DMG REF PER " },
	{ "2300", " DTP PWK CN1 AMT REF K3 NTE CR1 CR2 CRC HI HCP " },
	{ "2310A", " REF " },
	{ "2310B", " PRV REF " },
	{ "2310C", " N3 N4 REF PER " },
	{ "2310D", " REF " },
	{ "2310E", " N3 N4 " },
	{ "2310F", " N3 N4 " },
	{ "2320", " CAS AMT OI MOA " },
	{ "2330A", " N3 N4 REF " },
	{ "2330B", " N3 N4 DTP REF " },
	{ "2330C", " REF " },
	{ "2330D", " REF " },
	{ "2330E", " REF " },
	{ "2330F", " REF " },
	{ "2330G", " REF " },
	{ "2400", " SV1 SV5 PWK CR1 CR3 CRC DTP QTY MEA CN1 REF AMT K3 NTE PS1 HCP " },
	{ "2410", " CTP REF " },
	{ "2420A", " PRV REF " },
	{ "2420B", " REF " },
	{ "2420C", " N3 N4 REF " },
	{ "2420D", " REF " },
	{ "2420E", " N3 N4 REF PER " },
	{ "2420F", " REF " },
	{ "2420G", " N3 N4 " },
	{ "2420H", " N3 N4 " },
	{ "2430", " CAS DTP AMT " },
	{ "2440", " FRM " },
};

/*
 * Segments of one loop and id that the guide tells apart by element 1,
 * each with its own repeat (the kinds of one loop and id stand together).
 */
static const struct clm_x12spec_kind kinds[] = {
	{ "2010AA", "REF", 1, "EI SY" }, { "2010AA", "REF", 2, "0B 1G" },
	{ "2010BA", "REF", 1, "SY" }, { "2010BA", "REF", 1, "Y4" },
	{ "2010BB", "REF", 3, "2U EI FY NF" }, { "2010BB", "REF", 2, "G2 LU" },
	{ "2010CA", "REF", 1, "Y4" }, { "2010CA", "REF", 1, "1W SY" },
	{ "2300", "DTP", 1, "431" }, { "2300", "DTP", 1, "454" },
	{ "2300", "DTP", 1, "304" }, { "2300", "DTP", 1, "453" },
	{ "2300", "DTP", 1, "439" }, { "2300", "DTP", 1, "484" },
	{ "2300", "DTP", 1, "455" }, { "2300", "DTP", 1, "471" },
	{ "2300", "DTP", 1, "314 360 361" }, { "2300", "DTP", 1, "297" },
	{ "2300", "DTP", 1, "296" }, { "2300", "DTP", 1, "435" },
	{ "2300", "DTP", 1, "096" }, { "2300", "DTP", 2, "090 091" },
	{ "2300", "DTP", 1, "444" }, { "2300", "DTP", 1, "050" },
	{ "2300", "REF", 1, "4N" }, { "2300", "REF", 1, "F5" },
	{ "2300", "REF", 1, "EW" }, { "2300", "REF", 1, "9F" },
	{ "2300", "REF", 1, "G1" }, { "2300", "REF", 1, "F8" },
	{ "2300", "REF", 1, "X4" }, { "2300", "REF", 1, "9A" },
	{ "2300", "REF", 1, "9C" }, { "2300", "REF", 1, "LX" },
	{ "2300", "REF", 1, "D9" }, { "2300", "REF", 1, "EA" },
	{ "2300", "REF", 1, "P4" }, { "2300", "REF", 1, "1J" },
	{ "2300", "CRC", 3, "07" }, { "2300", "CRC", 3, "E1 E2 E3" },
	{ "2300", "CRC", 1, "75" }, { "2300", "CRC", 1, "ZZ" },
	{ "2320", "AMT", 1, "D" }, { "2320", "AMT", 1, "A8" },
	{ "2320", "AMT", 1, "EAF" },
	{ "2330B", "REF", 2, "2U EI FY NF" }, { "2330B", "REF", 1, "G1" },
	{ "2330B", "REF", 1, "9F" }, { "2330B", "REF", 1, "T4" },
	{ "2330B", "REF", 1, "F8" },
	{ "2400", "PWK", 1, "CT" },
	{ "2400", "CRC", 3, "07" }, { "2400", "CRC", 1, "70" },
	{ "2400", "CRC", 1, "09" },
	{ "2400", "DTP", 1, "472" }, { "2400", "DTP", 1, "471" },
	{ "2400", "DTP", 1, "607" }, { "2400", "DTP", 1, "463" },
	{ "2400", "DTP", 1, "461" }, { "2400", "DTP", 1, "304" },
	{ "2400", "DTP", 2, "738 739" }, { "2400", "DTP", 1, "011" },
	{ "2400", "DTP", 1, "455" }, { "2400", "DTP", 1, "454" },
	{ "2400", "QTY", 1, "PT" }, { "2400", "QTY", 1, "FL" },
	{ "2400", "REF", 1, "9B" }, { "2400", "REF", 1, "9D" },
	{ "2400", "REF", 5, "G1" }, { "2400", "REF", 1, "6R" },
	{ "2400", "REF", 1, "EW" }, { "2400", "REF", 1, "X4" },
	{ "2400", "REF", 1, "F4" }, { "2400", "REF", 1, "BT" },
	{ "2400", "REF", 5, "9F" },
	{ "2400", "AMT", 1, "T" }, { "2400", "AMT", 1, "F4" },
	{ "2400", "NTE", 1, "ADD DCP" }, { "2400", "NTE", 1, "TPO" },
};

const struct clm_x12spec clm_x12spec_837p = {
	"005010X222A1", use, sizeof(use) / sizeof(use[0]),
	loops, sizeof(loops) / sizeof(loops[0]),
	kinds, sizeof(kinds) / sizeof(kinds[0])
};
