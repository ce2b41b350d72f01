#!/bin/sh
# Replay each fuzz harness's seed corpus (tests/fuzz/corpus/NAME) through
# its plain replay build: one pass or fail per harness.
set -u
build=${1:-build}
top=$(cd "$(dirname "$0")/.." && pwd)
for h in "$top/$build"/fuzz-replay/fuzz_*; do
	[ -x "$h" ] || continue
	name=${h##*/fuzz_}
	corpus=$top/tests/fuzz/corpus/$name
	if [ ! -d "$corpus" ]; then echo "fail fuzz $name: no corpus"; continue; fi
	# CLM_REPLAY_WRAP: run-all.sh's valgrind command line
	if out=$(${CLM_REPLAY_WRAP:-} "$h" "$corpus"/* 2>&1); then echo "pass fuzz $name"
	else echo "fail fuzz $name"; echo "$out" | tail -n 20 | sed 's/^/  /'; fi
done
