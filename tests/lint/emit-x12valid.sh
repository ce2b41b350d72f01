#!/bin/sh
# Every 837 the clm-emit-837 golden cases expect must pass the independent
# 5010 validator (pyx12 via ../shared/tools/x12valid.sh).  Skips (77) unless
# PYX12_DIR names a pyx12 checkout and the wrapper is present: CI has none.
set -u
cd "$(dirname "$0")/../.." || exit 2
wrapper=../shared/tools/x12valid.sh
[ -n "${PYX12_DIR:-}" ] && [ -d "${PYX12_DIR:-}/pyx12" ] || exit 77
[ -x "$wrapper" ] || [ -f "$wrapper" ] || exit 77
rc=0 n=0
for f in testdata/*/*/expfiles/*.837; do
	[ -s "$f" ] || continue
	n=$((n + 1))
	if ! out=$(bash "$wrapper" "$f" --redact 2>&1); then
		echo "$f:"
		echo "$out" | sed 's/^/  /'
		rc=1
	fi
done
[ "$n" -gt 0 ] || { echo "no golden 837 files found"; exit 1; }
exit $rc
