#!/bin/sh
# Tier kernels: the core of the VM suite (load and its proof, the hook
# conflict, policy changes with their confirmation and revert, the FTP
# story, the bypass matrix, the rmmod storm and the replacement stress)
# on every supported Debian kernel flavour.  For each
# one: fetch its image and headers (cached), build the module and the
# test module against the headers, check IBT safety where the kernel has
# IBT, pack an initramfs with that kernel's modules, boot it and judge.
# DMZG_KERNELS="6.12-rt ..." limits the flavours (kernels.sh list).
# The matrix runs its direct variant on each (every case, from the
# confined task itself); the thread and user-namespace variants run on
# 6.1 in make check.  DMZG_KERNEL_VARIANTS="direct thread userns" runs
# them all here too.  The stress tests run a tenth of their cycles
# (DMZG_KERNEL_FEWER=10): 10 rmmod cycles, 100 replaces, 1,000
# processes; the full counts run on 6.1 in make check.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 1
core='1[0-3]-lifecycle|27-control-change|31-exec-memo|60-ftp|62-net-memo|70-matrix|8[01]-stress'
# A cloud flavour is its series' amd64 kernel built with fewer drivers:
# the hooks, their proof at load, policy changes and the FTP story run on
# it; the matrix and the stress tests, whose decisions and locking are
# the same code on the same series, run on amd64 and rt.
# DMZG_KERNEL_FULL=1 runs the whole core there too.
core_cloud='1[0-3]-lifecycle|27-control-change|60-ftp'
variants=$(echo "${DMZG_KERNEL_VARIANTS:-direct}" | tr ' ' ,)
fewer=${DMZG_KERNEL_FEWER:-10}
mkdir -p build/kernels
if ! make -s vm-helpers > build/kernels/helpers.log 2>&1; then
	echo "FAIL kernels-helpers"
	tail -n 20 build/kernels/helpers.log | sed 's/^/    /'
	exit 1
fi
. scripts/result-cache.sh

# run_flavour F: fetch, build, check and boot flavour F; its result lines.
run_flavour() {
	f=$1
	d=build/kernels/$f
	rm -rf "$d"
	mkdir -p "$d/src" "$d/testmod"
	if ! kdir=$(scripts/kernels.sh kdir "$f" 2> "$d/fetch.log"); then
		echo "FAIL $f: fetch ($(tail -n 1 "$d/fetch.log"))"
		return 1
	fi
	cp -r kmod Kbuild "$d/src/"
	cp tests/kmod/Kbuild tests/kmod/dmzg_testmod.c "$d/testmod/"
	if ! make -C "$kdir" M="$top/$d/src" modules > "$d/build.log" 2>&1 ||
		! make -C "$kdir" M="$top/$d/testmod" modules >> "$d/build.log" 2>&1; then
		echo "FAIL $f: build"
		grep -E 'error|warning' "$d/build.log" | head -n 20 | sed 's/^/    /'
		return 1
	fi
	echo "PASS $f: build"
	if grep -q '^CONFIG_X86_KERNEL_IBT=y' "$kdir/.config"; then
		if scripts/ibt-check.sh "$d/src/kmod/dmzguard.ko" "$d/build.log" \
			> "$d/ibt.log" 2>&1; then
			echo "PASS $f: ibt-check ($(head -n 1 "$d/ibt.log" | sed 's/^ibt-check: //'))"
		else
			echo "FAIL $f: ibt-check"
			sed 's/^/    /' "$d/ibt.log" | head -n 20
		fi
	fi
	DMZG_TESTMOD=$top/$d/testmod/dmzg_testmod.ko scripts/initramfs.sh \
		"$d/initramfs.cpio.gz" "$d/src/kmod/dmzguard.ko" \
		userspace/dmzguardctl.static build/helpers \
		"$(scripts/kernels.sh modules "$f")" > "$d/initramfs.log" 2>&1 || {
		echo "FAIL $f: initramfs"
		return 1
	}
	scripts/vm.sh "$d/initramfs.cpio.gz" --kernel "$(scripts/kernels.sh image "$f")" \
		--timeout "${DMZG_VM_TIMEOUT:-1200}" --keep "$d/vm-run" \
		--append "dmzg.only=$tests dmzg.require=sctp,binfmt dmzg.variants=$variants dmzg.fewer=$fewer" \
		> "$d/vm.log" 2>&1 ||
		grep -q '^FAIL ' "$d/vm.log" || echo "FAIL $f: the VM run failed"
	sed -n -e "s/^\(PASS\|FAIL\|SKIP\) /\1 $f: /p" -e '/^    /p' "$d/vm.log"
	grep -q '^PASS ' "$d/vm.log" || {
		echo "FAIL $f: no test ran"
		tail -n 20 "$d/vm.log" | sed 's/^/    /'
	}
}

rc=0
for f in ${DMZG_KERNELS:-$(scripts/kernels.sh list)}; do
	tests=$core
	case $f in
	*-cloud) [ "${DMZG_KERNEL_FULL:-0}" = 1 ] || tests=$core_cloud ;;
	esac
	# The flavour's image (fetched and cached once) is part of the key.
	image=$(scripts/kernels.sh image "$f" 2> /dev/null) &&
		key=kernels-$f-$(result_cache_key "$f" "$tests" "$variants" "fewer=$fewer" \
			"$(sha256sum < "$image")") &&
		result_cache_replay "$key" && continue
	run_flavour "$f" > "build/kernels/$f.results"
	cat "build/kernels/$f.results"
	grep -q '^FAIL ' "build/kernels/$f.results" && rc=1
	[ -n "${key:-}" ] && result_cache_store "$key" "build/kernels/$f.results"
	key=
done
exit $rc
