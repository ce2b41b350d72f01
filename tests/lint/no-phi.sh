#!/bin/sh
# No patient data in diagnostics: for every golden case, the values of the
# protected columns (names, birth dates, member ids, addresses) in its
# record-format inputs must not appear in its expected stderr.  Values
# shorter than 4 characters are skipped (they match by accident), and so
# are rows with quotes (this plain split would misplace their columns).
#
# Then planted identifiers (issue 14.5): the demo export with a name, a
# birth date (two spellings), a member id and an address put in every column
# but claim_id (the claim's own name) in turn, each once as the value and once
# after an unquoted comma (a shifted row), plus exports without a header row,
# run through the whole pipeline; no tool's stderr or --report may hold any of
# them, nor the demo row's own patient values.  Rejects and the 837 carry
# claim data by design and are not checked.
set -u
cd "$(dirname "$0")/../.." || exit 2
phi='sub_id sub_last sub_first sub_dob sub_addr1 sub_addr2 pat_last pat_first pat_dob pat_addr1 pat_addr2 oth_sub_id oth_sub_last oth_sub_first'
rc=0 n=0
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
for dir in testdata/*/*/; do
	[ -f "$dir/experr" ] || continue
	for f in "$dir"*.csv; do
		[ -f "$f" ] || continue
		head -n 1 "$f" | tr ',' '\n' | grep -qx 'claim_id' || continue
		n=$((n + 1))
		awk -F, -v cols="$phi" '
		NR == 1 { split(cols, want, " "); for (i = 1; i <= NF; i++)
			for (w in want) if ($i == want[w]) keep[i] = 1; next }
		/"/ { next }
		{ for (i in keep) if (length($i) >= 4) print $i }
		' "$f" | sort -u >"$tmp"
		while IFS= read -r v; do
			if grep -qF -- "$v" "$dir/experr"; then
				echo "$dir: expected stderr quotes a protected value from $(basename "$f")"
				rc=1
			fi
		done <"$tmp"
	done
done
[ "$n" -gt 0 ] || { echo "no record-format inputs found"; exit 1; }

bin=""
for b in build build-san; do
	[ -x "$b/bin/clm-emit-837" ] && { bin=$(cd "$b/bin" && pwd); break; }
done
[ -n "$bin" ] || { echo "skip planted identifiers: tools not built"; exit $rc; }
top=$(pwd)
work=$(mktemp -d)
trap 'rm -f "$tmp"; rm -rf "$work"' EXIT
base=testdata/demo/export.csv
hdr=$(head -n 1 "$base")
row=$(sed -n 2p "$base")
ncol=$(echo "$hdr" | awk -F, '{ print NF }')
planted='QUIXOTEZED|03/02/1961|19610302|W987654321|77 QUINCE LANE'
# what must never show: the planted values and the demo row's patient
# values, as given and as the tools rewrite them (upper case, CCYYMMDD,
# truncated)
leaks='QUIX|03/02/1|0302196|1961030|030261|W98765|98765432|QUINCE|W1234|12 Oak|12 OAK|Jane|JANE|07/04/1|19610704|0704196'
k=0
pipeline() {
	d=$work/run$k
	mkdir -p "$d"
	(cd "$d" && CLM_TODAY=20261127 CLM_TIME=1200 TZ=UTC LC_ALL=C
	"$bin/clm-parse" --report parse.rep "$1" 2>parse.err |
	"$bin/clm-normalize" --report normalize.rep 2>normalize.err |
	"$bin/clm-code-check" --report code-check.rep 2>code-check.err |
	"$bin/clm-scrub" --no-ncci --report scrub.rep 2>scrub.err |
	"$bin/clm-emit-837" --partner "$top/testdata/partner-sample.conf" \
	    --state state --report emit.rep --rejects rejects.csv \
	    -o out.837 2>emit.err)
	# the planted claims must have been read (a lint that reads nothing
	# passes for nothing)
	case $2 in planted*)
		grep -Eq '^clm-parse: [0-9]{3,} claims' "$d/parse.err" || {
			echo "planted identifiers: $2: clm-parse read too few claims"
			rc=1; } ;;
	esac
	for f in "$d"/*.err "$d"/*.rep; do
		[ -f "$f" ] || continue
		if grep -Eq -- "$leaks" "$f"; then
			echo "planted identifiers: $2: $(basename "$f") holds one:"
			grep -E -- "$leaks" "$f" | head -n 3 | sed 's/^/  /'
			rc=1
		fi
	done
	rm -rf "$d"
	k=$((k + 1))
}
# one claim per planted value and column (claim ids P1, P2...), so that a
# finding names the claim that carries it; once as the value, once shifted
plant() {	# $1: "" or "shifted"
	echo "$hdr"
	echo "$row" | awk -F, -v OFS=, -v ncol="$ncol" -v vals="$planted" \
	    -v shift="$1" '{ n = split(vals, v, "|"); split($0, orig, ",")
	    for (i = 2; i <= ncol; i++) for (j = 1; j <= n; j++) {
		for (c = 1; c <= NF; c++) $c = orig[c]
		$1 = "P" (i * 10 + j)
		$i = shift == "" ? v[j] : v[j] "," $i
		print } }'
}
f=$work/in$k.csv; plant "" >"$f"; pipeline "$f" "planted in every column"
f=$work/in$k.csv; plant shifted >"$f"
pipeline "$f" "planted before every column, shifted"
# no header row: the data row first, as it is and with planted values
f=$work/in$k.csv
{ echo "$row"; echo "$row"; } >"$f"
pipeline "$f" "no header row"
f=$work/in$k.csv
echo "$row" | awk -F, -v OFS=, '{ for (i = 1; i <= NF; i++) { m = i % 3
    $i = m == 0 ? "QUIXOTEZED" : (m == 1 ? "03/02/1961" : "W987654321") }
    print }' >"$f"
echo "$row" >>"$f"
pipeline "$f" "no header row, planted"
exit $rc
