#!/bin/sh
# clm run's report.html in headless Chromium: the page is self-contained
# (no http, no script), its DOM holds the four charts with bars, and the
# screenshot shows them (pixels of the held-back red and the sent green).
# Skips (77) where chromium or the tools are absent.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
bin=""
for b in build build-san; do
	[ -x "$top/$b/bin/clm-run" ] && { bin=$top/$b/bin; break; }
done
[ -n "$bin" ] || exit 77
chrome=$(command -v chromium || command -v chromium-browser) || exit 77
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 2
PATH=$bin:$PATH TZ=UTC LC_ALL=C CLM_TODAY=20261127 CLM_TIME=1200
export PATH TZ LC_ALL CLM_TODAY CLM_TIME
P=$top/testdata/partner-sample.conf
cc -std=c11 -O2 -o gen "$top/tests/bench/gen.c" || exit 2
cc -std=c11 -O2 -o pngcount "$top/tests/lint/pngcount.c" -lz || exit 2
./gen 2000 >export.csv
# two runs: the second page's trend chart has an earlier run to show
clm run -q --partner "$P" --state st --out o1 export.csv 2>/dev/null
clm run -q --partner "$P" --state st --out o export.csv 2>/dev/null
[ -f o/report.html ] || { echo "no report.html"; exit 1; }
fail=0
if grep -qi -e 'http:' -e 'https:' -e '<script' -e '<link' -e 'src=' \
    o/report.html; then
	echo "FAIL: report.html is not self-contained"; fail=1
fi
if grep -q 'Doe\|JANE' o/report.html; then echo "FAIL: a name in the page"; fail=1; fi
flags="--headless --no-sandbox --disable-gpu --hide-scrollbars --no-first-run"
HOME=$tmp timeout 60 "$chrome" $flags --dump-dom "file://$tmp/o/report.html" \
    >dom.html 2>/dev/null
for id in status by-edit by-npi by-payer trend; do
	n=$(tr '>' '\n' <dom.html | sed -n "/<svg id=\"$id\"/,/<\/svg/p" |
	    grep -c '<rect')
	[ "$n" -gt 0 ] || { echo "FAIL: chart $id has no bars in the DOM"; fail=1; }
done
HOME=$tmp timeout 60 "$chrome" $flags --window-size=1000,2400 \
    --screenshot="$tmp/shot.png" "file://$tmp/o/report.html" >/dev/null 2>&1
red=$(./pngcount shot.png c0392b) || { echo "FAIL: no screenshot"; exit 1; }
green=$(./pngcount shot.png 27ae60)
[ "$red" -gt 2000 ] || { echo "FAIL: held-back bars not drawn ($red px)"; fail=1; }
[ "$green" -gt 2000 ] || { echo "FAIL: sent bars not drawn ($green px)"; fail=1; }
exit $fail
