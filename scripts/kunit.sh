#!/bin/sh
# Tier 2: the module's pure policy code and its KUnit suites, built into a
# UML kernel from Debian's linux-source-6.1 with kunit.py.  kmod/ is
# grafted into the tree by a symlink (no copy), and the extracted tree and
# build directory are cached so later runs are incremental.
set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
cache=${DMZG_CACHE:-$HOME/.cache/dmzguard}
tarball=/usr/src/linux-source-6.1.tar.xz
src=$cache/linux-source-6.1
build=$cache/kunit-build
mkdir -p "$cache"

if [ ! -f "$src/Makefile" ] || [ "$tarball" -nt "$src/.extracted" ]; then
	echo "extracting $tarball"
	rm -rf "$src"
	tar -C "$cache" -xf "$tarball"
	touch "$src/.extracted"
fi
# Graft kmod/ in as lib/dmzguard (idempotent; follows the checkout).
ln -sfn "$top/kmod" "$src/lib/dmzguard.tmp"
mv -Tf "$src/lib/dmzguard.tmp" "$src/lib/dmzguard"
grep -q 'lib/dmzguard/Kconfig' "$src/lib/Kconfig" ||
	echo 'source "lib/dmzguard/Kconfig"' >> "$src/lib/Kconfig"
grep -q 'dmzguard/' "$src/lib/Makefile" ||
	echo 'obj-$(CONFIG_DMZGUARD_KUNIT_TEST) += dmzguard/' >> "$src/lib/Makefile"

mkdir -p "$build"
cd "$src"
out=$(mktemp)
rc=0
python3 tools/testing/kunit/kunit.py run --build_dir="$build" --jobs="$(nproc)" \
	--kunitconfig="$top/kmod/.kunitconfig" --timeout=600 > "$out" 2>&1 || rc=$?
# One line per test case, and the count of cases against those declared.
"$top"/scripts/kunit-report.sh "$out" "$top"/kmod/tests/*.c || rc=1
if [ $rc -ne 0 ]; then
	echo "kunit.py or the case count failed:"
	grep -E 'error|FAILED|Expected|CRASHED|but' "$out" | head -n 40 | sed 's/^/    /'
	tail -n 20 "$out"
fi
# The report must fail on a run that lost a declared case.
fake=$(mktemp)
grep -v '\[PASSED\] ' "$out" > "$fake"
if "$top"/scripts/kunit-report.sh "$fake" "$top"/kmod/tests/*.c > /dev/null; then
	echo "FAIL kunit-report-detects-missing-cases"
	rc=1
else
	echo "PASS kunit-report-detects-missing-cases"
fi
rm -f "$out" "$fake"
exit $rc
