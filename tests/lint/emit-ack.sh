#!/bin/sh
# Every 837 the clm-emit-837 golden cases expect passes clm's own validating
# reader: clm-parse --ack acknowledges it with AK9*A and no IK3, so the
# writer's output keeps to the same guide tables (lib/x12/clm_x12spec*) the
# reader checks.
set -u
cd "$(dirname "$0")/../.." || exit 2
parse=build/bin/clm-parse
[ -x "$parse" ] || exit 77
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
rc=0 n=0
for f in testdata/emit-837/*/expfiles/*.837; do
	[ -s "$f" ] || continue
	n=$((n + 1))
	"$parse" -q --from x12 --ack "$tmp/a.999" "$f" >/dev/null 2>"$tmp/err"
	if ! grep -q '^AK9\*A' "$tmp/a.999" 2>/dev/null ||
	    grep -q '^IK3' "$tmp/a.999"; then
		echo "$f: not accepted by clm-parse --ack"
		grep '^IK[345]' "$tmp/a.999" 2>/dev/null | sed 's/^/  /'
		sed 's/^/  /' "$tmp/err" | grep -v X12-NOT-CARRIED | head -5
		rc=1
	fi
done
[ "$n" -gt 0 ] || { echo "no golden 837 files found"; exit 1; }
exit $rc
