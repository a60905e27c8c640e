#!/bin/sh
# Build (once) the debug kernel for "make check-debug" from Debian's
# linux-source-6.1 and print its build directory.  The tree is cached
# under a key made of the config fragment and the source tarball, so a
# warm run only checks that bzImage is there.
# Usage: debug-kernel.sh [--print-key]
set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
cache=${DMZG_CACHE:-$HOME/.cache/dmzguard}
tarball=/usr/src/linux-source-6.1.tar.xz
fragment=$top/tests/debug/kernel.config
src=$cache/debug-source-6.1
key=$( (cat "$fragment"; ls -l --time-style=+%s "$tarball") |
	sha256sum | cut -c1-12)
out=$cache/debug-kernel-$key
[ "${1:-}" = --print-key ] && { echo "$key"; exit 0; }

if [ -f "$out/.built" ]; then
	echo "$out"
	exit 0
fi
if [ ! -f "$src/Makefile" ] || [ "$tarball" -nt "$src/.extracted" ]; then
	echo "extracting $tarball" >&2
	# A tree of its own: the KUnit tier grafts kmod/ into its copy.
	rm -rf "$src" "$src.tmp"
	mkdir -p "$src.tmp"
	tar -C "$src.tmp" --strip-components=1 -xf "$tarball"
	mv "$src.tmp" "$src"
	touch "$src/.extracted"
fi
rm -rf "$cache"/debug-kernel-*
mkdir -p "$out"
log=$out/build.log
{
	make -C "$src" O="$out" tinyconfig &&
	"$src"/scripts/kconfig/merge_config.sh -m -O "$out" "$out/.config" \
		"$fragment" &&
	make -C "$src" O="$out" olddefconfig &&
	make -C "$src" O="$out" -j"$(nproc)" bzImage modules_prepare
} > "$log" 2>&1 || {
	echo "debug-kernel.sh: the build failed; the end of $log:" >&2
	tail -n 30 "$log" >&2
	exit 1
}
# Every option asked for must have survived olddefconfig (KASAN, for
# one, is silently dropped when a dependency is missing).
missing=$(grep '^CONFIG_.*=y$' "$fragment" | while read -r opt; do
	grep -q "^$opt\$" "$out/.config" || echo "${opt%=y}"
done)
if [ -n "$missing" ]; then
	echo "debug-kernel.sh: options not set after olddefconfig:" $missing >&2
	exit 1
fi
touch "$out/.built"
echo "$out"
