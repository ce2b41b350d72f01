#!/bin/sh
# Every canonical column (lib/core/columns.def) has a row in the tables of
# docs/record-format.md ("| `name` | ..."), and the doc names no other.
set -u
cd "$(dirname "$0")/../.." || exit 2
cols=$(grep -h '^CLM_COLUMN(' lib/core/columns.def | sed -E 's/^CLM_COLUMN\([A-Z0-9_]+, "([^"]+)".*/\1/' | sort)
docs=$(grep -E '^\| `[a-z0-9_]+` \|' docs/record-format.md | sed -E 's/^\| `([a-z0-9_]+)`.*/\1/' | sort)
rc=0
for c in $cols; do
	echo "$docs" | grep -qx "$c" || { echo "$c: not documented in docs/record-format.md"; rc=1; }
done
for c in $docs; do
	echo "$cols" | grep -qx "$c" || { echo "$c: documented but not in lib/core/columns.def"; rc=1; }
done
exit $rc
