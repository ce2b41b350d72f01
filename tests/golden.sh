#!/bin/sh
# Golden end-to-end cases: testdata/<tool>/<case>/ holds
#   cmd       a shell snippet run in a scratch copy of the case folder, with
#             the built tools first on PATH ($SHARED names ../shared)
#   expout    expected stdout          experr   expected stderr
#   status    expected exit status     expfiles/NAME  files cmd must write
# A cmd whose first line is "# requires: shared" is skipped when ../shared
# is absent, "# requires: soffice" when LibreOffice is not installed.  Prints "pass NAME", "fail NAME" (with a diff) or "skip NAME".
# usage: tests/golden.sh BUILD_DIR [--update] [CASE_DIR...]
set -u
build=${1:-build}; shift
update=0
[ "${1:-}" = "--update" ] && { update=1; shift; }
top=$(cd "$(dirname "$0")/.." && pwd)
# CLM_GOLDEN_BIN: the tools from elsewhere (run-all.sh's valgrind wrappers)
bin=$(cd "${CLM_GOLDEN_BIN:-$top/$build/bin}" && pwd)
SHARED=$(cd "$top/../shared" 2>/dev/null && pwd || echo /nonexistent)
export SHARED
if [ $# -gt 0 ]; then cases="$*"; else
	cases=$(find "$top/testdata" -name cmd -type f | sed 's,/cmd$,,' | sort)
fi
for dir in $cases; do
	name=${dir#"$top"/testdata/}
	if head -n 1 "$dir/cmd" | grep -q '^# requires: shared' &&
	    [ ! -d "$SHARED/codesets" ]; then
		echo "skip $name"; continue
	fi
	# "# requires: soffice" (LibreOffice, optional test tooling)
	if head -n 1 "$dir/cmd" | grep -q '^# requires: soffice' &&
	    ! command -v soffice >/dev/null 2>&1; then
		echo "skip $name"; continue
	fi
	scratch=$(mktemp -d)
	cp -R "$dir/." "$scratch/"
	(cd "$scratch" && PATH="$bin:$PATH" TZ=UTC LC_ALL=C \
	    CLM_TODAY=20261127 CLM_TIME=1200 sh ./cmd >"$scratch/.out" 2>"$scratch/.err";
	    echo $? >"$scratch/.status")
	if [ $update -eq 1 ]; then
		cp "$scratch/.out" "$dir/expout"; cp "$scratch/.err" "$dir/experr"
		cp "$scratch/.status" "$dir/status"
		for f in "$dir"/expfiles/*; do
			[ -f "$f" ] && cp "$scratch/$(basename "$f")" "$f"
		done
	fi
	ok=1; report=""
	for pair in out:expout err:experr status:status; do
		got=$scratch/.${pair%%:*}; want=$dir/${pair#*:}
		if [ ! -f "$want" ] || ! cmp -s "$got" "$want"; then
			ok=0
			report="$report$(diff -u "$want" "$got" 2>&1 | head -n 30)
"
		fi
	done
	for f in "$dir"/expfiles/*; do
		[ -f "$f" ] || continue
		if ! cmp -s "$f" "$scratch/$(basename "$f")"; then
			ok=0
			report="$report$(diff -u "$f" "$scratch/$(basename "$f")" \
			    2>&1 | head -n 30)
"
		fi
	done
	if [ $ok -eq 1 ]; then echo "pass $name"; else
		echo "fail golden $name"; printf '%s' "$report" | sed 's/^/  /'
	fi
	rm -rf "$scratch"
done
