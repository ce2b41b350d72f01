#!/bin/sh
# The whole suite: Check unit suites, golden end-to-end cases, fuzz corpus
# replay, consistency lints and (with CLM_LINT set to the command, as make
# check does) make lint.  The line before the last names the skipped tests;
# last line: "N passed, N failed, N skipped".
# usage: tests/run-all.sh BUILD_DIR
set -u
build=${1:-build}
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 2
passed=0 failed=0 skipped=0 skipped_names=
log=$(mktemp)
trap 'rm -f "$log"' EXIT

# CLM_VALGRIND=1 (make check VALGRIND=1): unit suites, fuzz replay and
# every tool the golden cases run go through memcheck; any error or
# definite leak makes the test fail (valgrind's exit 99, its report on
# stderr where the golden case's diff shows it).
vg="" vgunit="" ckfork=yes
if [ "${CLM_VALGRIND:-0}" = 1 ]; then
	if ! command -v valgrind >/dev/null 2>&1; then
		echo "run-all: VALGRIND=1 needs valgrind (scripts/install-deps)" >&2
		exit 2
	fi
	vg="valgrind -q --error-exitcode=99 --leak-check=full --show-leak-kinds=definite --errors-for-leak-kinds=definite"
	# wrappers at the same depth as $build/bin ("$bin/../../testdata")
	vgbin=$build/valgrind-bin
	rm -rf "$vgbin"; mkdir -p "$vgbin"
	for t in "$build"/bin/*; do
		real=$(cd "$(dirname "$t")" && pwd)/$(basename "$t")
		printf '#!/bin/sh\nexec %s %s "$@"\n' "$vg" "$real" \
		    >"$vgbin/$(basename "$t")"
		chmod +x "$vgbin/$(basename "$t")"
	done
	export CLM_GOLDEN_BIN="$top/$vgbin" CLM_REPLAY_WRAP="$vg"
	export CK_DEFAULT_TIMEOUT=120
	# Check's own fork per test would hide the tests from valgrind
	# (--child-silent-after-fork): the suites run unforked, and the
	# children some tests fork (concurrent writers) are not reported.
	# Leaks are not counted there: a forked child _exits holding its
	# parent's test allocations.  The tools' and harnesses' leaks are
	# (golden cases, fuzz replay).
	vgunit="valgrind -q --error-exitcode=99 --leak-check=no --child-silent-after-fork=yes"
	ckfork=no
fi

pass() { passed=$((passed + ${1:-1})); }
skip() { skipped=$((skipped + 1)); skipped_names="$skipped_names $1"; }
fail() { failed=$((failed + ${1:-1})); }

# Check suites print "NN%: Checks: N, Failures: F, Errors: E".
for t in "$build"/tests/check_*; do
	[ -x "$t" ] || continue
	CK_FORK=$ckfork $vgunit "$t" >"$log" 2>&1
	rc=$?
	line=$(grep -E '^[0-9]+%: Checks: ' "$log" | tail -n 1)
	if [ -z "$line" ]; then
		echo "FAIL unit $(basename "$t") (no result, exit $rc)"
		sed 's/^/  /' "$log" | tail -n 20
		fail
		continue
	fi
	n=$(echo "$line" | sed -E 's/.*Checks: ([0-9]+).*/\1/')
	f=$(echo "$line" | sed -E 's/.*Failures: ([0-9]+).*/\1/')
	e=$(echo "$line" | sed -E 's/.*Errors: ([0-9]+).*/\1/')
	pass $((n - f - e))
	if [ $((f + e)) -gt 0 ] || [ $rc -ne 0 ]; then
		fail $((f + e > 0 ? f + e : 1))
		echo "FAIL unit $(basename "$t"):"
		grep -vE '^[0-9]+%: Checks' "$log" | sed 's/^/  /' | head -n 40
	fi
done

# Golden cases, fuzz replay and lints report "pass", "fail" or "skip" lines.
tally() {
	while IFS= read -r l; do
		case $l in
		pass*) pass ;;
		fail*) fail; echo "FAIL ${l#fail }" ;;
		skip*) skip "${l#skip }" ;;
		*) echo "$l" ;;
		esac
	done
}
out=$(mktemp)
tests/golden.sh "$build" >"$out" 2>&1; tally <"$out"
tests/fuzz-replay.sh "$build" >"$out" 2>&1; tally <"$out"
for l in tests/lint/*.sh; do
	[ -f "$l" ] || continue
	CLM_BUILD=$build sh "$l" >"$log" 2>&1
	case $? in
	0) pass ;;
	77) skip "lint/$(basename "$l" .sh)" ;;
	*) fail; echo "FAIL lint $(basename "$l"):"; sed 's/^/  /' "$log" ;;
	esac
done
rm -f "$out"
# make lint: cppcheck, banned functions, the clm_ prefix (one test).
if [ -n "${CLM_LINT:-}" ]; then
	if ! command -v cppcheck >/dev/null 2>&1; then
		skip "make-lint"
	elif sh -c "$CLM_LINT" >"$log" 2>&1; then
		pass
	else
		fail; echo "FAIL make lint:"; sed 's/^/  /' "$log" | head -n 40
	fi
fi
# Run as root, a tool that renamed over a device would break the machine.
for d in /dev/null /dev/zero /dev/full; do
	if [ -c "$d" ]; then pass; else fail; echo "FAIL $d is no longer a character device"; fi
done
[ -n "$skipped_names" ] && echo "skipped:$skipped_names"
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
