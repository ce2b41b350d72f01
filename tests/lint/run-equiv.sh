#!/bin/sh
# clm run == the piped tools: on every golden pipeline case
# (testdata/pipeline/*) and on a bench export (tests/bench/gen.c,
# RUN_EQUIV_CLAIMS claims, 3000 by default; scripts/bench runs it on 200k),
# the same options give a byte-identical 837 and rejects file, the same
# findings (the five --report files against findings.csv, as sorted sets;
# "input lines N and M" masked: a pipe numbers its own lines) and the same
# exit status.  Skips (77) when the tools are not built.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
bin=""
for b in build build-san; do
	[ -x "$top/$b/bin/clm-run" ] && [ -x "$top/$b/bin/clm-emit-837" ] &&
	    { bin=$top/$b/bin; break; }
done
[ -n "$bin" ] || exit 77
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
P=$top/testdata/partner-sample.conf
PATH=$bin:$PATH TZ=UTC LC_ALL=C CLM_TODAY=20261127 CLM_TIME=1200
export PATH TZ LC_ALL CLM_TODAY CLM_TIME
rc=0

findings() {
	for f in "$@"; do [ -f "$f" ] && tail -n +2 "$f"; done |
	    sed 's/input lines [0-9]* and [0-9]*/input lines N and M/' | sort
}

# compare NAME DIR PARSE-OPTIONS...: in DIR, export.csv both ways
compare() {
	name=$1; d=$2; shift 2
	(cd "$d" && rm -f pipe.837 pipe.rej st1 st2 &&
	    clm-parse -q "$@" --report r1.csv export.csv 2>/dev/null |
	    clm-normalize -q --report r2.csv 2>/dev/null |
	    clm-code-check -q --report r3.csv 2>/dev/null |
	    clm-scrub -q --report r4.csv 2>/dev/null |
	    clm-emit-837 -q --partner "$P" --state st1 --rejects pipe.rej \
	        --report r5.csv -o pipe.837 2>/dev/null
	    echo $? >pipe.status
	    clm-run -q "$@" --partner "$P" --state st2 --out run export.csv \
	        2>/dev/null
	    echo $? >run.status)
	ok=1
	cmp -s "$d/pipe.status" "$d/run.status" || { ok=0;
	    echo "  exit: pipe $(cat "$d/pipe.status"), run $(cat "$d/run.status")"; }
	for pair in pipe.837:run/batch.837 pipe.rej:run/rejects.csv; do
		a=$d/${pair%%:*} b=$d/${pair#*:}
		if [ -f "$a" ] || [ -f "$b" ]; then
			cmp -s "$a" "$b" || { ok=0; echo "  $pair differ"; }
		fi
	done
	if [ -f "$d/r5.csv" ] || [ -f "$d/run/findings.csv" ]; then
		findings "$d"/r[1-5].csv >"$d/f.pipe"
		findings "$d/run/findings.csv" >"$d/f.run"
		cmp -s "$d/f.pipe" "$d/f.run" || { ok=0;
		    diff "$d/f.pipe" "$d/f.run" | head -n 10 | sed 's/^/  /'; }
	fi
	if [ $ok = 1 ]; then echo "pass $name"; else echo "FAIL $name"; rc=1; fi
}

for c in "$top"/testdata/pipeline/*/; do
	name=$(basename "$c")
	d=$tmp/$name
	mkdir -p "$d"
	cp -R "$c/." "$d/"
	# the case's own cmd makes any generated export (its outputs unused)
	(cd "$d" && sh ./cmd >/dev/null 2>&1)
	[ -f "$d/export.csv" ] || { echo "skip $name (no export.csv)"; continue; }
	set --
	[ -f "$d/clinic.ini" ] && set -- --profile clinic.ini
	grep -q CLM_PARSE_WINDOW "$d/cmd" && export CLM_PARSE_WINDOW=1024
	compare "$name" "$d" "$@"
	unset CLM_PARSE_WINDOW
done

d=$tmp/bench
mkdir -p "$d"
cc -std=c11 -O2 -o "$d/gen" "$top/tests/bench/gen.c" || exit 2
"$d/gen" "${RUN_EQUIV_CLAIMS:-3000}" >"$d/export.csv"
compare "bench-${RUN_EQUIV_CLAIMS:-3000}" "$d"
exit $rc
