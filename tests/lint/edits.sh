#!/bin/sh
# Every edit id in the catalogue (lib/edits/*.def) is explained in
# docs/edits.md under a heading "### ID", and docs names no id the
# catalogue lacks (RULE-* ids come from rule files and are exempt).
set -u
cd "$(dirname "$0")/../.." || exit 2
ids=$(grep -h '^CLM_EDIT(' lib/edits/*.def | sed -E 's/^CLM_EDIT\([A-Z0-9_]+, "([^"]+)".*/\1/' | sort)
docs=$(grep -E '^### [A-Z0-9-]+$' docs/edits.md | sed 's/^### //' | sort)
rc=0
for id in $ids; do
	echo "$docs" | grep -qx "$id" || { echo "$id: in the catalogue, not in docs/edits.md"; rc=1; }
done
for id in $docs; do
	echo "$ids" | grep -qx "$id" || { echo "$id: in docs/edits.md, not in the catalogue"; rc=1; }
done
dups=$(echo "$ids" | uniq -d)
[ -z "$dups" ] || { echo "ids defined twice: $dups"; rc=1; }
exit $rc
