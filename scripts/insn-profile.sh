#!/bin/sh
# make profile: where each configuration of make bench spends its guest
# kernel instructions, function by function, counted exactly by a QEMU
# plugin (tests/bench/insn-count.c) under the instruction-count clock.
# Writes Documentation/performance-profile.rst (tests/bench/insn-report.py).
# Uses make bench's programs, policies and AppArmor parser: run make bench
# first.  Two boots of the default kernel: one to find sync()'s address
# (the plugin's trigger; no KASLR), one to profile.
set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
out=build/profile
bench=build/bench

die() {
	echo "FAIL profile: $1"
	[ $# -lt 2 ] || [ ! -f "$2" ] || tail -n 30 "$2" | sed 's/^/    /'
	exit 1
}

[ -f $bench/extra.cpio.gz ] && [ -f $bench/run.txt ] ||
	die "no $bench/extra.cpio.gz: run make bench first"
rm -rf "$out"
mkdir -p "$out/stage/tests"
make -s vm-artifacts > "$out/build.log" 2>&1 ||
	die "the test initramfs does not build" "$out/build.log"
cc -shared -fPIC -O2 -Wall -Wextra -Werror -o "$out/insn-count.so" \
	tests/bench/insn-count.c 2> "$out/build.log" ||
	die "tests/bench/insn-count.c does not build" "$out/build.log"
append="dmzg.mode=bench nokaslr norandmaps lsm=landlock,lockdown,yama,integrity,apparmor"

# guest SCRIPT: boot the test initramfs with SCRIPT as the benchmark.
guest() {
	cp "$1" "$out/stage/tests/bench.sh"
	(cd "$out/stage" && find . | cpio -o -H newc --quiet | gzip -1) \
		> "$out/script.cpio.gz"
	cat build/initramfs.cpio.gz $bench/extra.cpio.gz \
		"$out/script.cpio.gz" > "$out/initramfs.cpio.gz"
	shift
	scripts/vm.sh "$out/initramfs.cpio.gz" --icount --timeout 1200 \
		--append "$append" "$@"
}

printf '%s\n' '. /tests/lib.sh' \
	"grep ' ksys_sync\$' /proc/kallsyms > /dev/ttyS1" > "$out/find-sync.sh"
guest "$out/find-sync.sh" --keep "$out/boot1" > "$out/boot1.txt" 2>&1 ||
	die "the first boot failed" "$out/boot1.txt"
trigger=$(tr -d '\r' < "$out/boot1/results.txt" | awk '{ print $1; exit }')
[ -n "$trigger" ] || die "no address for ksys_sync" "$out/boot1/results.txt"

start=$(date +%s)
guest tests/bench/profile.sh --keep "$out/boot2" \
	--plugin "$top/$out/insn-count.so,out=$top/$out/counts,trigger=$trigger" \
	> "$out/boot2.txt" 2>&1 || die "the profile run failed" "$out/boot2.txt"
echo "PASS profile-vm ($(($(date +%s) - start))s)"
tr -d '\r' < "$out/boot2/results.txt" > "$out/results.txt"
{
	echo "guest_kernel=$(sed -n 's/.*Linux version \([^ ]*\).*/\1/p' "$out/boot2/console.log" | head -n 1)"
	grep '^qemu=' $bench/run.txt
} > "$out/run.txt"
python3 tests/bench/insn-report.py "$out/results.txt" "$out/counts" \
	"$out/run.txt" > "$out/profile.rst" 2> "$out/report.err" ||
	die "no report" "$out/report.err"
cp "$out/profile.rst" Documentation/performance-profile.rst
echo "PASS profile (Documentation/performance-profile.rst written)"
sed -n '/^\.\. list-table/,/^"Its own code"/p' Documentation/performance-profile.rst
