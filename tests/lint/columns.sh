#!/bin/sh
# Every canonical column (lib/core/columns.def) has a row in the tables of
# docs/record-format.md ("| `name` | ... | element |"), the doc names no
# other, and the 837P element the doc gives is the one columns.def carries.
set -u
cd "$(dirname "$0")/../.." || exit 2
defs=$(grep -h '^CLM_COLUMN(' lib/core/columns.def |
    sed -E 's/^CLM_COLUMN\([A-Z0-9_]+, "([^"]+)",.*, "([^"]*)"\)$/\1|\2/' | sort)
docs=$(grep -E '^\| `[a-z0-9_]+` \|' docs/record-format.md |
    awk -F'|' '{ n = $2; e = $(NF - 1); gsub(/[ `]/, "", n);
        gsub(/^ +| +$/, "", e); gsub(/\\\*/, "*", e); print n "|" e }' | sort)
pipeline="status edits src_file src_line src_columns"
rc=0
echo "$defs" | while IFS='|' read -r c e; do
	row=$(echo "$docs" | grep "^$c|") || {
		echo "$c: not documented in docs/record-format.md"; exit 1; }
	case " $pipeline " in *" $c "*) continue ;; esac
	[ "$row" = "$c|$e" ] || {
		echo "$c: columns.def says element '$e', the doc '${row#*|}'"
		exit 1; }
done || rc=1
echo "$docs" | while IFS='|' read -r c e; do
	echo "$defs" | grep -q "^$c|" || {
		echo "$c: documented but not in lib/core/columns.def"; exit 1; }
done || rc=1
exit $rc
