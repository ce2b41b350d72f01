#!/bin/sh
# clm-normalize is idempotent: over every record-format input in the golden
# corpus (CSV files whose header names claim_id), a second run over the
# first run's output reports no repair and writes byte-identical output.
# Ragged inputs (ROW-RAGGED in the first run) are left out: the first
# output is no longer ragged, so the extra values become column values.
# Uses the newest built clm-normalize (build/ or build-san/); skips (77)
# when none is built.
set -u
cd "$(dirname "$0")/../.." || exit 2
bin=""
for b in build/bin/clm-normalize build-san/bin/clm-normalize; do
	[ -x "$b" ] || continue
	if [ -z "$bin" ] || [ "$b" -nt "$bin" ]; then bin=$b; fi
done
[ -n "$bin" ] || exit 77
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
rc=0 n=0
for f in $(find testdata -name '*.csv' -type f | sort); do
	head -n 1 "$f" | tr ',' '\n' | grep -qx 'claim_id' || continue
	# a header naming a column twice is an export, not records
	[ -z "$(head -n 1 "$f" | tr ',' '\n' | sort | uniq -d)" ] || continue
	n=$((n + 1))
	CLM_TODAY=20261127 "$bin" -q --report "$tmp/rep1.csv" "$f" \
	    >"$tmp/once.csv" 2>/dev/null
	[ $? -le 1 ] || { echo "$f: first run failed"; rc=1; continue; }
	grep -q ',ROW-RAGGED,' "$tmp/rep1.csv" && continue
	CLM_TODAY=20261127 "$bin" -q --report "$tmp/rep.csv" "$tmp/once.csv" \
	    >"$tmp/twice.csv" 2>/dev/null
	cmp -s "$tmp/once.csv" "$tmp/twice.csv" ||
	    { echo "$f: second run changed the output"; rc=1; }
	if grep -q ',info,' "$tmp/rep.csv"; then
		echo "$f: second run repaired again:"
		grep ',info,' "$tmp/rep.csv" | head -n 5
		rc=1
	fi
done
[ "$n" -gt 0 ] || { echo "no record-format inputs found"; exit 1; }
exit $rc
