#!/bin/sh
# Pack the test VM's initramfs: static busybox, dmzguard.ko, a static
# dmzguardctl, the test helpers and tests.
# Usage: initramfs.sh OUT.cpio.gz KO CTL HELPER_DIR [KERNEL_MODULES_DIR]
# With KERNEL_MODULES_DIR (the booted kernel's /lib/modules/VERSION), the
# modules the bypass matrix needs that the kernel does not build in
# (binfmt_misc, SCTP) go to /lib/modules/extra.
set -eu

out=$1 ko=$2 ctl=$3 helpers=$4 kmods=${5:-}
top=$(cd "$(dirname "$0")/.." && pwd)
stage=$(mktemp -d)
chmod 755 "$stage"
trap 'rm -rf "$stage"' EXIT

mkdir -p "$stage"/bin "$stage"/sbin "$stage"/usr/bin "$stage"/usr/sbin \
	"$stage"/lib/modules "$stage"/tests "$stage"/etc "$stage"/policy \
	"$stage"/proc "$stage"/sys "$stage"/dev "$stage"/tmp "$stage"/run
cp /bin/busybox "$stage"/bin/busybox
cp "$top"/tests/vm/init "$stage"/init
chmod 755 "$stage"/init
# Without debug information, as distributions ship modules: a third of
# the size, and insmod under emulation is that much faster.
strip --strip-debug -o "$stage"/lib/modules/dmzguard.ko "$ko"
cp "$ctl" "$stage"/usr/sbin/dmzguardctl
# Where the module runs it from at load, as installed.
install -D -m 755 "$helpers"/hookprobe "$stage"/usr/libexec/dmzguard/hookprobe
# The boot unit's helper, as the package installs it.
install -m 755 "$top"/userspace/dmzguard-boot "$stage"/usr/libexec/dmzguard/
for h in "$helpers"/*; do
	[ -x "$h" ] && cp "$h" "$stage"/usr/bin/
done
# The test daemon runs under its own path so a profile can attach to it;
# another copy is the program its profile allows.
cp "$helpers"/dmzg-probe "$stage"/usr/sbin/testd
cp "$helpers"/dmzg-probe "$stage"/usr/bin/allowed-tool
# The dynamic loader, to check that running it directly is an exec too.
if [ -e /lib64/ld-linux-x86-64.so.2 ]; then
	mkdir -p "$stage"/lib64
	cp -L /lib64/ld-linux-x86-64.so.2 "$stage"/lib64/
fi
cp "$top"/tests/vm/*.sh "$top"/tests/vm/matrix.cases "$stage"/tests/
if [ -n "$kmods" ]; then
	mkdir -p "$stage"/lib/modules/extra
	for m in binfmt_misc crc32c_generic libcrc32c udp_tunnel \
		ip6_udp_tunnel sctp; do
		# 6.12 ships its modules xz-compressed; busybox insmod wants them plain.
		f=$(find "$kmods" -name "$m.ko" -o -name "$m.ko.xz" | head -n 1)
		case $f in
		*.xz) xz -dc "$f" > "$stage/lib/modules/extra/$m.ko" ;;
		?*) cp "$f" "$stage"/lib/modules/extra/ ;;
		esac
	done
fi
mkdir -p "$stage"/tests/selftest "$stage"/tests/mutants
cp "$top"/tests/vm/selftest/* "$stage"/tests/selftest/
cp "$top"/tests/vm/mutants/* "$stage"/tests/mutants/
# DMZG_MUTANTS=DIR: the mutation check's builds, NAME.ko each.
if [ -n "${DMZG_MUTANTS:-}" ]; then
	mkdir -p "$stage"/lib/modules/mutants
	for m in "$DMZG_MUTANTS"/*.ko; do
		strip --strip-debug -o "$stage/lib/modules/mutants/$(basename "$m")" "$m"
	done
fi
testmod=${DMZG_TESTMOD:-$top/tests/kmod/dmzg_testmod.ko}
[ -f "$testmod" ] && cp "$testmod" "$stage"/lib/modules/
cp "$top"/policy/*.policy "$stage"/policy/ 2>/dev/null || true
cp -r "$top"/tests/vm/policy "$stage"/tests/ 2>/dev/null || true
echo "root:x:0:0:root:/root:/bin/sh" > "$stage"/etc/passwd
echo "nobody:x:65534:65534:nobody:/nonexistent:/bin/sh" >> "$stage"/etc/passwd
echo "root:x:0:" > "$stage"/etc/group
echo "nogroup:x:65534:" >> "$stage"/etc/group
(cd "$stage" && find . | cpio -o -H newc --quiet | gzip -1) > "$out"
