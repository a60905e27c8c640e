#!/bin/sh
# make demo: replay the FTP incident in a VM with a real vsftpd.
# Adds Debian's vsftpd and the libraries it links to the test initramfs,
# then boots Debian's kernel with the console on this terminal.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
cache=${DMZG_CACHE:-$HOME/.cache/dmzguard}
build=$top/build
root=$cache/demo-root
cd "$top"

if [ ! -x "$root/usr/sbin/vsftpd" ]; then
	echo "demo: fetching vsftpd and its libraries (once)"
	rm -rf "$root" "$cache/demo-debs"
	mkdir -p "$root" "$cache/demo-debs"
	(cd "$cache/demo-debs" &&
		apt-get download vsftpd libwrap0 libnsl2 libtirpc3 libcap2 \
			libpam0g libssl3 libaudit1 libcap-ng0 libgssapi-krb5-2 \
			libkrb5-3 libk5crypto3 libkrb5support0 libcom-err2 \
			libkeyutils1 libc6 >/dev/null 2>&1) || {
		echo "demo: cannot download vsftpd from the Debian archive (run 'make deps' first)" >&2
		exit 1
	}
	for d in "$cache"/demo-debs/*.deb; do dpkg -x "$d" "$root"; done
fi

stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
chmod 755 "$stage"
(cd "$stage" && zcat "$build/initramfs.cpio.gz" | cpio -id --quiet)
# vsftpd and the shared objects it needs (merged-/usr layout in the VM).
mkdir -p "$stage/usr/sbin" "$stage/usr/lib/x86_64-linux-gnu" \
	"$stage/lib64" "$stage/etc" "$stage/usr/bin"
cp "$root/usr/sbin/vsftpd" "$stage/usr/sbin/"
cp -a "$root"/lib/x86_64-linux-gnu/*.so* "$stage/usr/lib/x86_64-linux-gnu/" 2>/dev/null || true
cp -a "$root"/usr/lib/x86_64-linux-gnu/*.so* "$stage/usr/lib/x86_64-linux-gnu/" 2>/dev/null || true
cp -L "$root/lib64/ld-linux-x86-64.so.2" "$stage/lib64/" 2>/dev/null ||
	cp -L /lib64/ld-linux-x86-64.so.2 "$stage/lib64/"
gcc -shared -fPIC -O2 -Wall -Wextra -Werror \
	-o "$stage/usr/lib/demo-backdoor.so" tests/helpers/demo-backdoor.c -lpthread
cp tests/vm/vsftpd.conf "$stage/etc/vsftpd.conf"
cp tests/vm/demo.sh "$stage/tests/demo.sh"
echo "ftp:x:100:101:ftp daemon:/srv/ftp:/bin/false" >> "$stage/etc/passwd"
echo "ftp:x:101:" >> "$stage/etc/group"
(cd "$stage" && find . | cpio -o -H newc --quiet | gzip -1) > "$build/demo.cpio.gz"

kernel=$(scripts/kernel.sh image)
echo "demo: booting $(basename "$kernel") under QEMU (TCG), about a minute"
timeout --foreground 600 qemu-system-x86_64 -accel tcg,thread=single -cpu max -smp 2 \
	-m 1024 -display none -monitor none -no-reboot -nic none \
	-kernel "$kernel" -initrd "$build/demo.cpio.gz" -serial stdio \
	-serial null \
	-append "console=ttyS0 quiet loglevel=1 panic=-1 dmzg.mode=demo" \
	< /dev/null | grep -v -E '^\[ *[0-9]+\.[0-9]+\]|^$' | tr -d '\r'
