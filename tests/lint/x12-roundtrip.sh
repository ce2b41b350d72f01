#!/bin/sh
# Round trip: for every 837P (hand-written ones in testdata/parse-x12 and
# the shared corpus when present) clm-parse, clm-emit-837, clm-parse gives
# the same records (status and edits aside); exit 77 (skip) while
# clm-emit-837 is not built.  Partner settings: testdata/partner-sample.conf.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
bin=""
for b in build-san build; do
	[ -x "$top/$b/bin/clm-emit-837" ] && [ -x "$top/$b/bin/clm-parse" ] &&
	    { bin=$top/$b/bin; break; }
done
[ -n "$bin" ] || { echo "clm-emit-837 not built: round trip skipped"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# records without the pipeline columns status and edits
strip() { cut -d, -f1-"$(head -n 1 "$1" | tr ',' '\n' | grep -n '^status$' | cut -d: -f1 | awk '{print $1 - 1}')" "$1"; }
fail=0
for f in "$top"/testdata/parse-x12/000[1-5]*/*.837 \
    "$top"/../shared/x12-samples/837p/*.837; do
	[ -f "$f" ] || continue
	"$bin/clm-parse" -q "$f" >"$tmp/a.csv" 2>/dev/null
	CLM_TODAY=20261127 CLM_TIME=1200 "$bin/clm-emit-837" -q \
	    --partner "$top/testdata/partner-sample.conf" \
	    --state "$tmp/state" -o "$tmp/b.837" "$tmp/a.csv" 2>/dev/null
	"$bin/clm-parse" -q "$tmp/b.837" >"$tmp/c.csv" 2>/dev/null
	if ! cmp -s "$(strip "$tmp/a.csv" >"$tmp/a2"; echo "$tmp/a2")" \
	    "$(strip "$tmp/c.csv" >"$tmp/c2"; echo "$tmp/c2")"; then
		echo "round trip differs: ${f##*/}"
		diff "$tmp/a2" "$tmp/c2" | head -n 6
		fail=1
	fi
done
exit $fail
