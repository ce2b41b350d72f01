#!/bin/sh
# No patient data in diagnostics: for every golden case, the values of the
# protected columns (names, birth dates, member ids, addresses) in its
# record-format inputs must not appear in its expected stderr.  Values
# shorter than 4 characters are skipped (they match by accident), and so
# are rows with quotes (this plain split would misplace their columns).
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
exit $rc
