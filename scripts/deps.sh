#!/bin/sh
# Install every Debian package dmzguard's build, tests and demo need.
# Idempotent: when everything is present it changes nothing.
set -eu

PKGS="build-essential make gcc dwarves clang libclang-rt-14-dev pkg-config \
libnl-3-dev libnl-genl-3-dev linux-headers-amd64 linux-source-6.1 \
qemu-system-x86 busybox-static cpio kmod sparse python3 flex bison bc \
libelf-dev libssl-dev xz-utils perl \
dpkg-dev debhelper dh-dkms dkms fakeroot lintian python3-docutils pkgconf \
debootstrap ansible ansible-lint"

missing=""
for p in $PKGS; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null |
		grep -q "install ok installed"; then
		missing="$missing $p"
	fi
done
if [ -z "$missing" ]; then
	exit 0
fi
echo "deps: installing$missing"
if [ "$(id -u)" -ne 0 ]; then
	echo "deps: missing packages:$missing; run 'sudo make deps'" >&2
	exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
# shellcheck disable=SC2086
apt-get install -y -q --no-install-recommends $missing
