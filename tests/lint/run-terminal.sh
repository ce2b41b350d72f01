#!/bin/sh
# clm run's terminal: on a TTY (script(1) gives one) a progress line drawn
# in place (claims/s, share of input read, ETA) and at most 10 diagnostics
# per edit id, then "... and N more ID, see findings.csv"; not a TTY: no
# progress line, every diagnostic, and --cap N caps them.  Skips (77)
# without script(1) or the tools.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
bin=""
for b in build build-san; do
	[ -x "$top/$b/bin/clm-run" ] && { bin=$top/$b/bin; break; }
done
[ -n "$bin" ] || exit 77
command -v script >/dev/null 2>&1 || exit 77
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 2
PATH=$bin:$PATH TZ=UTC LC_ALL=C CLM_TODAY=20261127 CLM_TIME=1200
export PATH TZ LC_ALL CLM_TODAY CLM_TIME
P=$top/testdata/partner-sample.conf
cc -std=c11 -O2 -o gen "$top/tests/bench/gen.c" || exit 2
./gen 5000 >export.csv
fail=0
check() { if eval "$2"; then :; else echo "FAIL: $1"; fail=1; fi; }

script -qfec "clm run --partner $P --state s1 --out o1 export.csv" tty.out \
    >/dev/null 2>&1
tr '\r' '\n' <tty.out >tty.txt
check "progress line on a TTY" "grep -q 'claims/s, [0-9]*% of input read, ETA' tty.txt"
check "drawn in place" "grep -q \"\$(printf '\\r\\033\\\\[K')clm-run: \" tty.out"
n=$(grep -c '\[DX-UNKNOWN\]' tty.txt)
check "10 DX-UNKNOWN on a TTY (got $n)" "[ $n -eq 10 ]"
all=$(grep -c ',error,DX-UNKNOWN,' o1/findings.csv)
more=$(grep 'more DX-UNKNOWN, see o1/findings.csv' tty.txt |
    sed 's/.*and \([0-9,]*\) more.*/\1/' | tr -d ,)
check "the rest counted ($more + 10 = $all)" "[ \"\${more:-0}\" -eq \$((all - 10)) ]"

clm run --partner "$P" --state s2 --out o2 export.csv 2>notty.txt
check "no progress off a TTY" "! grep -q 'claims/s' notty.txt"
n=$(grep -c '\[DX-UNKNOWN\]' notty.txt)
check "every DX-UNKNOWN off a TTY ($n of $all)" "[ $n -eq $all ]"
clm run --cap 3 --partner "$P" --state s3 --out o3 export.csv 2>cap.txt
n=$(grep -c '\[DX-UNKNOWN\]' cap.txt)
check "--cap 3 ($n)" "[ $n -eq 3 ]"
check "--cap counts the rest" "grep -q 'more DX-UNKNOWN, see o3/findings.csv' cap.txt"
cmp -s o1/batch.837 o2/batch.837 || { echo "FAIL: the TTY run's 837 differs"; fail=1; }
exit $fail
