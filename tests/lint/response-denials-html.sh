#!/bin/sh
# clm-response --denials-html in headless Chromium: the page is
# self-contained (no http, no script), its DOM holds the two charts with
# bars, and the screenshot shows them (pixels of the bars' red).  The
# answers are testdata/response/0012-denials-html's.  Skips (77) where
# chromium or the tools are absent.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
bin=""
for b in ${CLM_BUILD:-} build build-san; do
	[ -n "$b" ] && [ -x "$top/$b/bin/clm-response" ] &&
	    [ -x "$top/$b/bin/clm-emit-837" ] && { bin=$top/$b/bin; break; }
done
[ -n "$bin" ] || exit 77
chrome=$(command -v chromium || command -v chromium-browser) || exit 77
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 2
PATH=$bin:$PATH TZ=UTC LC_ALL=C CLM_TODAY=20261127 CLM_TIME=1200
export PATH TZ LC_ALL CLM_TODAY CLM_TIME
cc -std=c11 -O2 -o pngcount "$top/tests/lint/pngcount.c" -lz || exit 2
. "$top/testdata/response/fixture/send.sh"
send 1; send 2; send 3; send 4
clm-response -q --archive archive --denials-html d.html -o status.csv \
    "$top/testdata/response/0012-denials-html/era.835" 2>/dev/null
[ -f d.html ] || { echo "no denial page"; exit 1; }
fail=0
if grep -qi -e 'http:' -e 'https:' -e '<script' -e '<link' -e 'src=' d.html
then
	echo "FAIL: the denial page is not self-contained"; fail=1
fi
flags="--headless --no-sandbox --disable-gpu --hide-scrollbars --no-first-run"
HOME=$tmp timeout 60 "$chrome" $flags --dump-dom "file://$tmp/d.html" \
    >dom.html 2>/dev/null
for id in by-reason by-payer; do
	n=$(tr '>' '\n' <dom.html | sed -n "/<svg id=\"$id\"/,/<\/svg/p" |
	    grep -c '<rect')
	[ "$n" -gt 0 ] || { echo "FAIL: chart $id has no bars in the DOM"; fail=1; }
done
for id in payer code edit uncaught plb; do
	grep -q "<table id=\"$id\"" dom.html ||
	    { echo "FAIL: table $id missing from the DOM"; fail=1; }
done
HOME=$tmp timeout 60 "$chrome" $flags --window-size=1000,1600 \
    --screenshot="$tmp/shot.png" "file://$tmp/d.html" >/dev/null 2>&1
red=$(./pngcount shot.png c0392b) || { echo "FAIL: no screenshot"; exit 1; }
[ "$red" -gt 2000 ] || { echo "FAIL: denial bars not drawn ($red px)"; fail=1; }
exit $fail
