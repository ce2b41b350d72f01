#!/bin/sh
# Every 999 clm-parse --ack writes for the parse-x12 inputs (and the shared
# 837P samples when present) is read without envelope errors by an outside
# X12 parser: node-x12 in strict mode (control numbers, SE/GE/IEA counts).
# Skips (77) unless NODE_X12_DIR names a folder where node-x12 is installed
# (npm install node-x12 there; never part of the project) and node runs.
set -u
cd "$(dirname "$0")/../.." || exit 2
parse=build/bin/clm-parse
[ -n "${NODE_X12_DIR:-}" ] && [ -d "${NODE_X12_DIR:-}/node_modules/node-x12" ] || exit 77
command -v node >/dev/null 2>&1 && [ -x "$parse" ] || exit 77
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
n=0
for f in testdata/parse-x12/*/*.837 ../shared/x12-samples/837p/*.837; do
	[ -f "$f" ] || continue
	n=$((n + 1))
	"$parse" -q --from x12 --ack "$tmp/$n.999" "$f" >/dev/null 2>&1
	[ -s "$tmp/$n.999" ] || rm -f "$tmp/$n.999"	# refused input: no 999
done
ls "$tmp"/*.999 >/dev/null 2>&1 || { echo "no 999 written"; exit 1; }
NODE_PATH=$NODE_X12_DIR/node_modules node -e '
const { X12Parser } = require("node-x12");
const fs = require("fs");
let bad = 0, ok = 0;
for (const f of process.argv.slice(1)) {
  try {
    const ic = new X12Parser(true).parse(fs.readFileSync(f, "utf8"));
    if (ic.functionalGroups.length < 1) throw new Error("no group");
    ok++;
  } catch (e) { bad++; console.log(f + ": " + e.message); }
}
console.log(ok + " 999 files read, " + bad + " with envelope errors");
process.exit(bad ? 1 : 0);
' "$tmp"/*.999
