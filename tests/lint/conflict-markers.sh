#!/bin/sh
# No merge-conflict markers in any tracked file.
cd "$(dirname "$0")/../.." || exit 2
if git rev-parse --git-dir >/dev/null 2>&1; then
	files=$(git ls-files)
else
	files=$(find . -type f -not -path './build*' -not -path './.git/*')
fi
# shellcheck disable=SC2086
bad=$(printf '%s\n' $files | xargs grep -lE '^(<<<<<<<|>>>>>>>) ' 2>/dev/null)
[ -z "$bad" ] && exit 0
echo "merge-conflict markers in: $bad"
exit 1
