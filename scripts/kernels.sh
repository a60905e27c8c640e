#!/bin/sh
# The Debian kernels dmzguard supports, fetched into the cache without
# installing them on the host: the image (to boot in the VM) and the
# headers with their kbuild (to build the module against).
#
# Usage: kernels.sh list                 every supported flavour
#        kernels.sh release FLAVOUR      e.g. 6.12.117+deb12-rt-amd64
#        kernels.sh fetch FLAVOUR        download and unpack (cached)
#        kernels.sh kdir|image|modules FLAVOUR
# FLAVOUR is SERIES-VARIANT: 6.1-amd64 6.1-cloud 6.1-rt 6.12-amd64
# 6.12-cloud 6.12-rt.  The newest of each in the archive is used: the
# metapackage's dependency names it.
set -eu

CACHE="${DMZG_CACHE:-$HOME/.cache/dmzguard}"
FLAVOURS="6.1-amd64 6.1-cloud 6.1-rt 6.12-amd64 6.12-cloud 6.12-rt"

die() {
	echo "kernels.sh: $*" >&2
	exit 1
}

metapackage() {
	case $1 in
	6.1-amd64) echo linux-image-amd64 ;;
	6.1-cloud) echo linux-image-cloud-amd64 ;;
	6.1-rt) echo linux-image-rt-amd64 ;;
	6.12-amd64) echo linux-image-6.12-amd64 ;;
	6.12-cloud) echo linux-image-6.12-cloud-amd64 ;;
	6.12-rt) echo linux-image-6.12-rt-amd64 ;;
	*) die "unknown flavour '$1' (one of: $FLAVOURS)" ;;
	esac
}

release() {
	meta=$(metapackage "$1")
	r=$(apt-cache depends "$meta" 2>/dev/null |
		sed -n 's/^ *Depends: linux-image-\([0-9][^ ]*-amd64\)$/\1/p' |
		head -n 1)
	[ -n "$r" ] || die "cannot resolve $meta to a kernel release (apt-get update?)"
	echo "$r"
}

# Every linux-* package the headers need: common headers and kbuild.
header_packages() {
	rel=$1
	echo "linux-headers-$rel"
	apt-cache depends "linux-headers-$rel" 2>/dev/null |
		sed -n 's/^ *Depends: \(linux-\(headers\|kbuild\)-[^ ]*\)$/\1/p'
}

root_of() {
	echo "$CACHE/kernels/$(release "$1")"
}

fetch() {
	rel=$(release "$1")
	d="$CACHE/kernels/$rel"
	[ -f "$d/.complete" ] && return 0
	rm -rf "$d"
	mkdir -p "$d/debs"
	pkgs="linux-image-$rel $(header_packages "$rel")"
	# shellcheck disable=SC2086 # one word per package
	(cd "$d/debs" && apt-get download $pkgs >/dev/null 2>&1) ||
		die "cannot download: $pkgs"
	for deb in "$d"/debs/*.deb; do
		dpkg -x "$deb" "$d/root"
	done
	rm -rf "$d/debs"
	# The headers' Makefile and symlinks name /usr/src and /usr/lib:
	# point them into this root instead.
	kdir="$d/root/usr/src/linux-headers-$rel"
	[ -f "$kdir/Makefile" ] || die "no headers in linux-headers-$rel"
	find "$d/root/usr/src" -maxdepth 2 -name Makefile -exec \
		sed -i "s#/usr/src/#$d/root/usr/src/#g" {} +
	find "$d/root/usr/src" "$d/root/usr/lib" -type l | while read -r l; do
		t=$(readlink "$l")
		case $t in
		/usr/*) ln -sfn "$d/root$t" "$l" ;;
		esac
	done
	touch "$d/.complete"
}

case "${1:-}" in
list) echo "$FLAVOURS" ;;
release) release "${2:?flavour}" ;;
fetch) fetch "${2:?flavour}" ;;
kdir)
	fetch "${2:?flavour}"
	echo "$(root_of "$2")/root/usr/src/linux-headers-$(release "$2")"
	;;
image)
	fetch "${2:?flavour}"
	echo "$(root_of "$2")/root/boot/vmlinuz-$(release "$2")"
	;;
modules)
	fetch "${2:?flavour}"
	echo "$(root_of "$2")/root/lib/modules/$(release "$2")"
	;;
*)
	echo "usage: kernels.sh list|release|fetch|kdir|image|modules [FLAVOUR]" >&2
	exit 2
	;;
esac
