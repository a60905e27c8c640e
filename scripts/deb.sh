#!/bin/sh
# make deb: the Debian packages dmzguard and dmzguard-dkms, built with
# dpkg-buildpackage from a copy of the tree (its files under version
# control, and new ones not ignored) in build/deb, then checked with
# lintian: any error or warning fails.  The .deb files are left in
# build/deb.  DEB_BUILD_OPTIONS is passed on (nocheck skips the unit
# tests inside the build).
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
version=$(dpkg-parsechangelog -l debian/changelog -S Version)
upstream=${version%-*}
out=build/deb
src=$out/dmzguard-$upstream
rm -rf "$out"
mkdir -p "$src"
git ls-files -z --cached --others --exclude-standard |
	xargs -0 cp --parents -t "$src"
(cd "$src" && dpkg-buildpackage -b -us -uc) > "$out/build.log" 2>&1 || {
	echo "FAIL deb-build (see $out/build.log)"
	tail -n 30 "$out/build.log" | sed 's/^/    /'
	exit 1
}
echo "PASS deb-build ($(cd "$out" && ls ./*.deb | sed 's|^\./||' | tr '\n' ' '))"
# The packages, not the .changes: they are not uploaded anywhere.
if lintian --fail-on error,warning "$out"/dmzguard_"$version"_*.deb \
	"$out"/dmzguard-dkms_"$version"_all.deb > "$out/lintian.log" 2>&1; then
	echo "PASS deb-lintian (no error or warning; $(grep -c '^[IPX]:' "$out/lintian.log") notes)"
else
	echo "FAIL deb-lintian"
	sed 's/^/    /' "$out/lintian.log" | head -n 30
	exit 1
fi
