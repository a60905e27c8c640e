#!/bin/sh
# checkpatch.pl --strict (from the cached kernel source) and sparse over
# kmod/, then the layering checks (scripts/layering.sh).  Prints PASS/FAIL
# lines; exits non-zero on any finding.
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
# MACRO_ARG_REUSE: the macros that define hook checks take a parameter
# list, used twice by design (to declare and to define the check), which
# cannot have side effects; table arguments are only reused in sizeof.
# Two files are what checkpatch's rules are there to prevent elsewhere:
# compat.h is the one place that tests the kernel version (so that no
# other file does), and hooks.h holds the X-macro list of hooks.
ignore=FILE_PATH_CHANGES,SPDX_LICENSE_TAG,MACRO_ARG_REUSE
out=$( (perl "$src/scripts/checkpatch.pl" --strict --no-tree --terse \
	--ignore "$ignore" \
	-f $(ls kmod/*.c kmod/*.h kmod/uapi/*.h kmod/tests/*.c |
		grep -v -e "\.mod\.c$" -e "kmod/compat.h" -e "kmod/hooks.h")
	perl "$src/scripts/checkpatch.pl" --strict --no-tree --terse \
	--ignore "$ignore,LINUX_VERSION_CODE,CONSTANT_COMPARISON" -f kmod/compat.h
	perl "$src/scripts/checkpatch.pl" --strict --no-tree --terse \
	--ignore "$ignore,COMPLEX_MACRO" -f kmod/hooks.h) 2>&1 |
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
# No include or call cycle in kmod/, no source file over 700 lines.
scripts/layering.sh || rc=1
# The layering check itself must see a cycle: two files that include
# and call each other.
t=$(mktemp -d)
printf '#include "b.h"\nvoid b(void);\nvoid a(void) { b(); }\n' > "$t/a.c"
printf '#include "a.h"\nvoid a(void);\nvoid b(void) { a(); }\n' > "$t/b.c"
: > "$t/a.h"
: > "$t/b.h"
(cd "$t" && cc -c a.c b.c)
out=$(scripts/layering.sh "$t")
if echo "$out" | grep -q '^FAIL layering-includes' &&
	echo "$out" | grep -q '^FAIL layering-calls'; then
	echo "PASS layering-detects-cycles"
else
	echo "FAIL layering-detects-cycles"
	echo "$out" | sed 's/^/    /'
	rc=1
fi
rm -rf "$t"
exit $rc
