#!/bin/sh
# clm's verdict on an 837P agrees with the independent 5010 validator
# (pyx12 through ../shared/tools/x12valid.sh): accept or reject, and the
# segments its 999 names (IK3 segment id and position).  Files: every
# 837P in ../shared/x12-samples/837p, every 837P of testdata/parse-x12,
# and variants this script writes (one guide rule broken each).  Cases
# where clm deliberately differs are listed below and in
# docs/x12-reading.md ("Agreement with pyx12").  Skips (77) unless
# PYX12_DIR names a pyx12 checkout; CI has none.
set -u
cd "$(dirname "$0")/../.." || exit 2
wrapper=../shared/tools/x12valid.sh
parse=build/bin/clm-parse
[ -n "${PYX12_DIR:-}" ] && [ -d "${PYX12_DIR:-}/pyx12" ] || exit 77
[ -f "$wrapper" ] && [ -x "$parse" ] || exit 77
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT

# name: why clm differs (verdict or segments), docs/x12-reading.md
known() {
	case "$1" in
	0002-crlf-bom-indent/crlf.837) echo "BOM: pyx12 cannot decode it" ;;
	0003-one-line-other-delims/oneline.837) echo "pyx12 rejects ISA11 other than ^ (repetition separator)" ;;
	0016-isa-not-fixed-width/short.837) echo "ISA not fixed-width: clm reads it with a warning, pyx12 cannot" ;;
	0017-version-4010/old.837) echo "4010: clm refuses (exit 2), pyx12 has no map" ;;
	0008-837i/inst.837) echo "837I: clm refuses (exit 2)" ;;
	0004-several-interchanges/two.837|0021-control-duplicate/dup.837)
		echo "pyx12 keeps the first ISA's delimiters for the next interchange" ;;
	0006-structural-errors/errors.837|0030-ack/errors.837)
		echo "pyx12 reports LX numbering outside its 999 and names the segment after SV1 for a missing DTP*472, clm names the SE" ;;
	0011-truncated/cut.837) echo "input cut inside a claim: pyx12 names only the missing trailers, clm also the claim without a service line" ;;
	0012-hl-errors/hl.837) echo "HL numbering: clm names the HL (and the CLM under a subscriber HL with children), pyx12 the segment after the HL" ;;
	0014-set-without-claims/sets.837) echo "a set without HL: clm names its SE, pyx12 the segment before it" ;;
	0015-groups-and-sets/groups.837) echo "pyx12's 999 accepts every set (AK9=A,A) but logs nothing, which x12valid.sh counts as FAIL" ;;
	0020-charset/names.837) echo "bytes outside the X12 character sets: pyx12 crashes" ;;
	0030-ack/guide.837) echo "ISA12 00402: pyx12 cannot read the file at all" ;;
	0023-other-payer-providers/cob.837) echo "a required REF with a qualifier the loop does not allow: clm names the REF (X12-CODE), pyx12 also the next segment (REF missing)" ;;
	variant-*-rd8-range.837) echo "RD8 range ending before it starts: pyx12 does not check the order" ;;
	variant-*-clm05-3.837) echo "CLM05-3: the 837P allows 1, 6, 7, 8; pyx12 takes any NUBC frequency code" ;;
	lfh__demo.example6.837|lfh__demo.example9.837|lfh__demo.example11.837|lfh__demo.example12.837)
		echo "'>' inside composites: both reject; pyx12 also names later segments whose elements it cannot split" ;;
	esac
}

# Variants of a valid file: one guide rule broken each (sed expressions).
base=testdata/parse-x12/0001-basic/basic.837
i=0
while IFS='|' read -r what expr; do
	[ -n "$what" ] || continue
	i=$((i + 1))
	sed "$expr" "$base" >"$tmp/variant-$i-$what.837"
done <<'VARIANTS'
prv02|s/^PRV\*BI\*PXC\*/PRV*BI*ZZZ*/
nm103-2010ab|s/^NM1\*87\*2~/NM1*87*2*PAYTO~/
sbr09|s/\*CI~$/*XX~/
nm109-missing|s/\*MI\*MEM0001~/*MI~/
dtp-date|s/^DTP\*431\*D8\*20261101~/DTP*431*D8*20261131~/
clm05-3|s/\*11:B:1\*/*11:B:9*/
clm06|s/\*11:B:1\*Y\*/*11:B:1*Q*/
hl04|s/^HL\*3\*2\*23\*0~/HL*3*2*23*1~/
dmg03|s/^DMG\*D8\*20150505\*M~/DMG*D8*20150505*X~/
sv103|s/\*100.00\*UN\*1\*/*100.00*XX*1*/
bht06|s/\*1200\*CH~/*1200*ZZ~/
amt-qual|s/^AMT\*F5\*/AMT*ZZ*/
rd8-range|s/RD8\*20261110-20261111/RD8*20261112-20261111/
nte01|s/^NTE\*ADD\*/NTE*XYZ*/
VARIANTS

rc=0 n=0 nk=0
check() {
	f=$1 name=$2
	n=$((n + 1))
	opts="--redact --unindent"
	grep -q 'X222A2\|X222~\|X222\*' "$f" 2>/dev/null && opts="$opts --as 005010X222A1"
	rm -f "$tmp/clm.999" "$tmp"/k/*
	mkdir -p "$tmp/k"
	"$parse" -q --from x12 --ack "$tmp/clm.999" "$f" >/dev/null 2>&1
	st=$?
	if [ ! -s "$tmp/clm.999" ]; then
		cv=refused
	elif [ "$st" -eq 0 ] && grep -q '^AK9\*A' "$tmp/clm.999"; then
		cv=accept
	else
		cv=reject
	fi
	# shellcheck disable=SC2086
	X12VALID_KEEP_999=$tmp/k bash "$wrapper" "$f" $opts >"$tmp/pyx.out" 2>&1
	case $? in 0) pv=accept ;; 1) pv=reject ;; *) pv=unrunnable ;; esac
	cs=$(sed -n 's/^IK3\*\([A-Z0-9]*\)\*\([0-9]*\)\*.*/\1*\2/p' "$tmp/clm.999" 2>/dev/null | sort -u | tr '\n' ' ')
	ps=$(cat "$tmp"/k/* 2>/dev/null | tr '~' '\n' | sed -n 's/^IK3\*\([A-Z0-9]*\)\*\([0-9]*\)\*.*/\1*\2/p' | sort -u | tr '\n' ' ')
	why=$(known "$name")
	if [ "$cv" = "$pv" ] && [ "$cs" = "$ps" ]; then
		echo "agree $name: $cv ${cs:+(segments $cs)}"
	elif [ -n "$why" ]; then
		nk=$((nk + 1))
		echo "known $name: clm $cv [$cs], pyx12 $pv [$ps]: $why"
	else
		echo "DIFFER $name: clm $cv [$cs], pyx12 $pv [$ps]"
		sed 's/^/  pyx12: /' "$tmp/pyx.out" | head -8
		rc=1
	fi
}

if [ -d ../shared/x12-samples/837p ]; then
	for f in ../shared/x12-samples/837p/*.837; do
		check "$f" "${f##*/}"
	done
fi
for f in testdata/parse-x12/*/*.837 "$tmp"/variant-*.837; do
	case $f in *0008-837i*) continue ;; esac
	check "$f" "$(echo "$f" | sed 's|.*/parse-x12/||; s|.*/variant-|variant-|')"
done
echo "$n files: $((n - nk)) agree or differ, $nk known differences"
exit $rc
