#!/bin/sh
# The debug-kernel tier: build (or reuse) the KASAN/lockdep/kmemleak
# kernel, build the module and the test module against it, and run the
# whole VM suite on it with panic_on_warn; tests/vm/98-kmemleak.sh scans
# for leaks at the end and tests/vm/82-faults.sh injects allocation
# failures.  DMZG_ONLY=REGEX runs only the tests it matches (a quick look
# at a change; the tier itself runs them all).  The bypass matrix runs its
# direct variant here, every case from the confined task itself: the
# thread and user-namespace variants take the same hooks, and run in
# make check (DMZG_DEBUG_VARIANTS="direct thread userns" runs them here).
variants=$(echo "${DMZG_DEBUG_VARIANTS:-direct}" | tr ' ' ,)
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
out=build/debug
mkdir -p "$out"
start=$(date +%s)
kdir=$(scripts/debug-kernel.sh) || { echo "FAIL debug-kernel-build"; exit 1; }
echo "debug kernel ready in $(($(date +%s) - start)) s: $kdir"

# An identical run that passed before (scripts/result-cache.sh) is not
# run again; a quick look at a few tests (DMZG_ONLY) is never remembered.
. scripts/result-cache.sh
key=
if [ -z "${DMZG_ONLY:-}" ]; then
	key=debug-$(result_cache_key debug "$variants" \
		"$(sha256sum < "$kdir/arch/x86/boot/bzImage")" \
		"$(sha256sum < "$kdir/.config")")
	result_cache_replay "$key" && exit 0
fi

# Build copies of the sources so the Debian-kernel objects in kmod/ stay.
rm -rf "$out/mod" "$out/testmod"
mkdir -p "$out/mod" "$out/testmod"
cp -r Kbuild kmod "$out/mod/"
cp tests/kmod/*.c tests/kmod/Kbuild "$out/testmod/"
find "$out/mod" \( -name '*.o' -o -name '*.ko' -o -name '*.mod*' \
	-o -name '.*.cmd' \) -type f -delete
{
	make -C "$kdir" M="$top/$out/mod" modules &&
	make -C "$kdir" M="$top/$out/testmod" modules &&
	make -s vm-helpers
} > "$out/build.log" 2>&1 || {
	echo "FAIL debug-module-build (see below)"
	tail -n 40 "$out/build.log" | sed 's/^/    /'
	exit 1
}
cp "$out/testmod/dmzg_testmod.ko" "$out/dmzg_testmod.ko"
DMZG_TESTMOD="$out/dmzg_testmod.ko" scripts/initramfs.sh \
	"$out/initramfs.cpio.gz" "$out/mod/kmod/dmzguard.ko" \
	userspace/dmzguardctl.static build/helpers
vmrc=0
scripts/vm.sh "$out/initramfs.cpio.gz" --kernel "$kdir/arch/x86/boot/bzImage" \
	--mem 2048 --timeout "${DMZG_DEBUG_VM_TIMEOUT:-3600}" --keep "$out/vm-run" \
	--append "dmzg.slow=4 dmzg.variants=$variants dmzg.require=sctp,binfmt,faults,kmemleak${DMZG_ONLY:+ dmzg.only=$DMZG_ONLY}" \
	> "$out/results" || vmrc=$?
cat "$out/results"
[ $vmrc -eq 0 ] && [ -n "$key" ] && result_cache_store "$key" "$out/results"
exit $vmrc
