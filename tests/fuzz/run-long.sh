#!/bin/sh
# Run libFuzzer harnesses to a total execution count each (make fuzz-long).
# usage: tests/fuzz/run-long.sh EXECS NAME...   (build-fuzz/fuzz_NAME)
# One line per harness: "fuzz NAME: N execs in S s, R execs/s, crashes C";
# a crash's input is kept as build-fuzz/crash-NAME-*.  Exit 1 on any crash.
# FUZZMAXTIME=S (environment) also stops each harness after S seconds.
set -u
execs=$1; shift
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top" || exit 2
status=0
for n in "$@"; do
	bin=build-fuzz/fuzz_$n
	mkdir -p "build-fuzz/corpus/$n"
	log=build-fuzz/long-$n.log
	start=$(date +%s.%N)
	"$bin" -runs="$execs" -max_total_time="${FUZZMAXTIME:-0}" \
	    -print_final_stats=1 \
	    -artifact_prefix="build-fuzz/crash-$n-" \
	    "build-fuzz/corpus/$n" "tests/fuzz/corpus/$n" >"$log" 2>&1
	rc=$?
	end=$(date +%s.%N)
	done_runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" |
	    tail -n 1)
	[ -n "$done_runs" ] || done_runs=0
	crashes=0
	[ $rc -eq 0 ] || { crashes=1; status=1; }
	echo "$n $done_runs $start $end $crashes" | awk '{ s = $4 - $3;
	    printf "fuzz %s: %d execs in %.0f s, %.0f execs/s, crashes %d\n",
	    $1, $2, s, (s > 0 ? $2 / s : 0), $5 }'
	[ $rc -eq 0 ] || tail -n 30 "$log" | sed 's/^/  /'
done
exit $status
