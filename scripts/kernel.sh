#!/bin/sh
# Print facts about the Debian 6.1 kernel the tests boot, fetching its
# image on first use.  Usage: kernel.sh abi|kdir|image|modules
set -eu

CACHE="${DMZG_CACHE:-$HOME/.cache/dmzguard}"

abi() {
	# The metapackage depends on the current ABI: linux-image-6.1.0-N-amd64.
	apt-cache depends linux-image-amd64 2>/dev/null |
		sed -n 's/.*Depends: linux-image-\([0-9.]*-[0-9]*\)-amd64$/\1/p' |
		head -n 1
}

image_dir() {
	a="$(abi)"
	[ -n "$a" ] || { echo "kernel.sh: cannot resolve the kernel ABI from linux-image-amd64 (run make deps)" >&2; exit 1; }
	d="$CACHE/kernel-$a"
	if [ ! -f "$d/root/boot/vmlinuz-$a-amd64" ]; then
		mkdir -p "$d"
		(cd "$d" && rm -f ./*.deb &&
			apt-get download "linux-image-$a-amd64" >/dev/null 2>&1 &&
			dpkg -x linux-image-*.deb root && rm -f ./*.deb) ||
			{ echo "kernel.sh: cannot download linux-image-$a-amd64" >&2; exit 1; }
	fi
	echo "$d"
}

case "${1:-}" in
abi) abi ;;
kdir)
	a="$(abi)"
	echo "/usr/src/linux-headers-$a-amd64"
	;;
image)
	d="$(image_dir)"
	echo "$d/root/boot/vmlinuz-$(abi)-amd64"
	;;
modules)
	d="$(image_dir)"
	echo "$d/root/lib/modules/$(abi)-amd64"
	;;
*)
	echo "usage: kernel.sh abi|kdir|image|modules" >&2
	exit 2
	;;
esac
