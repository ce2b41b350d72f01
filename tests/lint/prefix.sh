#!/bin/sh
# Every symbol libclm exports starts with clm_ (one prefix per module after
# it): nm over the built archive.  Skips (77) without nm or the archive.
set -u
cd "$(dirname "$0")/../.." || exit 2
lib=${CLM_BUILD:-build}/libclm.a
command -v nm >/dev/null 2>&1 || { echo "skip lint prefix: no nm"; exit 77; }
[ -f "$lib" ] || { echo "skip lint prefix: no $lib"; exit 77; }
# (a sanitizer build adds its own __odr_asan.* and __asan_* symbols)
bad=$(nm -g --defined-only "$lib" | awk 'NF == 3 && $3 !~ /^clm_/ &&
    $3 !~ /^__(odr_asan|asan|ubsan|tsan|sancov)/ { print $3 }' | sort -u)
[ -z "$bad" ] && exit 0
echo "exported from $lib without the clm_ prefix:"
echo "$bad" | sed 's/^/  /'
exit 1
