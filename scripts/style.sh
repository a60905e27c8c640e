#!/bin/sh
# checkpatch.pl --strict (from the cached kernel source) and sparse over
# kmod/.  Prints PASS/FAIL lines; exits non-zero on any finding.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
cache=${DMZG_CACHE:-$HOME/.cache/dmzguard}
src=$cache/linux-source-6.1
cd "$top" || exit 1
if [ ! -f "$src/scripts/checkpatch.pl" ]; then
	mkdir -p "$cache"
	tar -C "$cache" -xf /usr/src/linux-source-6.1.tar.xz
	touch "$src/.extracted"
fi
rc=0
# MACRO_ARG_REUSE: the macros that define hook wrappers take parameter
# lists and argument lists, which are used twice by design (to check and
# to call the original) and cannot have side effects; table arguments
# are only reused inside sizeof.
out=$(perl "$src/scripts/checkpatch.pl" --strict --no-tree --terse \
	--ignore FILE_PATH_CHANGES,SPDX_LICENSE_TAG,MACRO_ARG_REUSE \
	-f $(ls kmod/*.c kmod/*.h kmod/uapi/*.h kmod/tests/*.c | grep -v "\.mod\.c$") 2>&1 |
	grep -v '^total: 0 errors, 0 warnings, 0 checks')
if [ -n "$out" ]; then
	echo "FAIL checkpatch"
	echo "$out" | sed 's/^/    /'
	rc=1
else
	echo "PASS checkpatch"
fi
kdir=$(scripts/kernel.sh kdir)
make -s -C "$kdir" M="$top" clean > /dev/null 2>&1
out=$(make -s -C "$kdir" M="$top" C=2 CHECK=sparse \
	modules 2>&1 | grep -E '(warning|error):' |
	grep -v '^/usr/src/linux-headers')
if [ -n "$out" ]; then
	echo "FAIL sparse"
	echo "$out" | sed 's/^/    /'
	rc=1
else
	echo "PASS sparse"
fi
exit $rc
