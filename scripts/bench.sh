#!/bin/sh
# make bench: the in-VM benchmark (one boot, six configurations
# interleaved round by round, QEMU's instruction-count clock) and the
# native micro-benchmarks, then Documentation/performance.rst and
# performance-analysis.rst, both generated from the run.
# Usage: bench.sh [--quick] [--kernel FLAVOUR]
#   --quick: the smoke run make check does: shorter loops, fewer rounds,
#   checked exactly like a full run, writes nothing.
#   --kernel FLAVOUR: boot that Debian kernel (scripts/kernels.sh list;
#   make bench KERNEL=FLAVOUR) with the module built for it, and write
#   Documentation/performance-FLAVOUR.rst (and its analysis) instead.
# Both modes first run the harness's self-tests (tests/bench/selftest.sh).
# Any error or missing result fails the run (a FAIL line, exit 1) and a
# failed run writes nothing to Documentation/.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
quick=no size=full rounds=6 replaces=100 compiles=5 flavour=
while [ $# -gt 0 ]; do
	case $1 in
	--quick) quick=yes size=quick rounds=1 replaces=5 compiles=2; shift ;;
	--kernel) [ $# -ge 2 ] || { echo "usage: bench.sh [--quick] [--kernel FLAVOUR]" >&2; exit 2; }
		flavour=$2; shift 2 ;;
	*) echo "usage: bench.sh [--quick] [--kernel FLAVOUR]" >&2; exit 2 ;;
	esac
done
if [ -n "$flavour" ]; then
	known=$(scripts/kernels.sh list | tr '\n' ' ')
	case " $known " in
	*" $flavour "*) ;;
	*) echo "bench.sh: unknown kernel '$flavour'; one of: $known" >&2; exit 2 ;;
	esac
fi
out=build/bench
rm -rf "$out/stage" "$out/vm-run"
mkdir -p "$out/stage/tests/bench" "$out/stage/usr/bin" "$out/stage/sbin" \
	"$out/stage/lib/x86_64-linux-gnu"
cache=${DMZG_CACHE:-$HOME/.cache/dmzguard}

# die NAME WHY [FILE] : a FAIL line, the end of FILE, exit 1.
die() {
	echo "FAIL $1 ($2)"
	[ -z "${3:-}" ] || tail -n 30 "$3" | sed 's/^/    /'
	exit 1
}

make -s vm-artifacts > "$out/build.log" 2>&1 ||
	die bench-build "make vm-artifacts failed" "$out/build.log"
initrd=build/initramfs.cpio.gz kernel_args= docname=performance
if [ -n "$flavour" ]; then
	# The module built for that kernel, and that kernel's modules.
	kdir=$(scripts/kernels.sh kdir "$flavour" 2> "$out/build.log") ||
		die bench-build "cannot fetch kernel $flavour" "$out/build.log"
	rm -rf "$out/kmod-$flavour" && mkdir -p "$out/kmod-$flavour"
	cp -r kmod Kbuild "$out/kmod-$flavour/"
	make -C "$kdir" M="$top/$out/kmod-$flavour" modules > "$out/build.log" 2>&1 ||
		die bench-build "the module does not build for $flavour" "$out/build.log"
	DMZG_TESTMOD=/nonexistent scripts/initramfs.sh "$out/base.cpio.gz" \
		"$out/kmod-$flavour/kmod/dmzguard.ko" userspace/dmzguardctl.static \
		build/helpers "$(scripts/kernels.sh modules "$flavour")" \
		> "$out/build.log" 2>&1 ||
		die bench-build "no initramfs for $flavour" "$out/build.log"
	initrd=$out/base.cpio.gz
	kernel_args="--kernel $(scripts/kernels.sh image "$flavour")"
	docname=performance-$flavour
fi
cc -static -O2 -Wall -Wextra -Werror -o "$out/stage/usr/bin/dmzg-bench" \
	tests/bench/vm-bench.c 2> "$out/build.log" ||
	die bench-build "tests/bench/vm-bench.c does not build" "$out/build.log"
cc -std=gnu11 -O2 -Wall -Wextra -Werror -Itests/bench/shim -Ikmod \
	-Iuserspace -o "$out/native" tests/bench/native.c kmod/hidx.c \
	kmod/glob.c kmod/match_path.c kmod/match_net.c kmod/policy_src.c \
	kmod/policy.c 2> "$out/build.log" ||
	die bench-build "tests/bench/native.c does not build" "$out/build.log"

# The VM part of the self-tests boots the default kernel's artifacts.
tests/bench/selftest.sh "$out/native" build/initramfs.cpio.gz ||
	die bench-selftest "the harness's self-tests failed"

# AppArmor's parser from Debian's package (it needs only the C library):
# configuration 6 needs it.
aa=$cache/apparmor
if [ ! -x "$aa/root/sbin/apparmor_parser" ]; then
	rm -rf "$aa" && mkdir -p "$aa"
	(cd "$aa" && apt-get download apparmor > /dev/null 2>&1 &&
		dpkg -x apparmor_*.deb root && rm -f apparmor_*.deb) ||
		die bench-apparmor "no apparmor package: configuration 6 cannot run"
fi
cp "$aa/root/sbin/apparmor_parser" "$out/stage/sbin/"
cp -L /lib/x86_64-linux-gnu/libc.so.6 "$out/stage/lib/x86_64-linux-gnu/"
mkdir -p "$out/stage/etc/apparmor"
: > "$out/stage/etc/apparmor/parser.conf"

# The policies: a small profile, and the same with 10,000 more rules
# (5,000 executables, 5,000 CIDRs) in front of the ones the loops use.
rules_common() {
	echo "	exec allow /usr/bin/bench-true"
	echo "	connect allow tcp 127.0.0.1 port 7777"
	echo "	connect allow udp 127.0.0.1 port 7777"
	echo "	capability allow kill setuid setgid"
}
{
	echo "profile benchd {"
	echo "	attach /usr/sbin/benchd-dg"
	rules_common
	echo "}"
} > "$out/stage/tests/bench/small.policy"
awk 'BEGIN {
	print "profile benchd {"
	print "\tattach /usr/sbin/benchd-dg"
	for (i = 0; i < 5000; i++) {
		printf "\texec allow /usr/lib/pkg%d/bin/tool-%d\n", i % 997, i
		if (i % 10 == 9)
			printf "\tconnect allow tcp 10.%d.%d.0/24 port 443\n", int(i / 250) % 250, i % 250
		else
			printf "\tconnect allow tcp 10.%d.%d.%d port 443\n", int(i / 62500), int(i / 250) % 250, i % 250 + 1
	}
}' > "$out/stage/tests/bench/big.policy"
rules_common >> "$out/stage/tests/bench/big.policy"
echo "}" >> "$out/stage/tests/bench/big.policy"
cat > "$out/stage/tests/bench/benchd-aa.profile" <<'P'
profile benchd-aa /usr/sbin/benchd-aa {
  capability kill,
  capability setuid,
  capability setgid,
  signal peer=benchd-aa,
  network inet stream,
  network inet dgram,
  /usr/bin/bench-true ix,
  /usr/sbin/benchd-aa mr,
  /dev/null rw,
  /dev/ttyS1 w,
  signal (receive) peer=unconfined,
}
P
cp tests/bench/bench.sh "$out/stage/tests/bench.sh"
# A second archive appended to the test initramfs: the kernel unpacks both.
(cd "$out/stage" && find . | cpio -o -H newc --quiet | gzip -1) > "$out/extra.cpio.gz"
cat "$initrd" "$out/extra.cpio.gz" > "$out/initramfs.cpio.gz"

# The run's description: what the report expects, and where it ran.
count() { grep -c "$1" "$2" || true; }
{
	echo "rounds=$rounds"
	echo "replaces=$replaces"
	echo "compiles=$compiles"
	echo "small_rules=$(count '^	[a-z]* allow' "$out/stage/tests/bench/small.policy")"
	echo "big_exec=$(count '^	exec allow /usr/lib/pkg' "$out/stage/tests/bench/big.policy")"
	echo "big_cidr=$(count '^	connect allow tcp 10\.' "$out/stage/tests/bench/big.policy")"
	echo "cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)"
	echo "cores=$(nproc)"
	echo "host_kernel=$(uname -r)"
	echo "qemu=$(qemu-system-x86_64 --version | sed -n 's/.*version \([^ ]*\).*/\1/p' | head -n 1)"
} > "$out/run.txt"

start=$(date +%s)
# norandmaps: each exec of a loop lays out the same pages, which halves
# the exec loop's spread from round to round (0.3 % to 0.17 %).
# shellcheck disable=SC2086
scripts/vm.sh "$out/initramfs.cpio.gz" $kernel_args --icount --keep "$out/vm-run" \
	--timeout "${DMZG_BENCH_TIMEOUT:-3000}" \
	--append "dmzg.mode=bench dmzg.bench=$size dmzg.rounds=$rounds dmzg.replaces=$replaces dmzg.compiles=$compiles norandmaps lsm=landlock,lockdown,yama,integrity,apparmor" \
	> "$out/vm.txt" 2>&1 || {
	cat "$out/vm.txt"
	die bench-vm "the VM run failed" "$out/vm-run/results.txt"
}
vm_secs=$(($(date +%s) - start))
echo "PASS bench-vm (${vm_secs}s)"
tr -d '\r' < "$out/vm-run/results.txt" > "$out/results.txt"
{
	echo "vm_seconds=$vm_secs"
	echo "guest_kernel=$(sed -n 's/.*Linux version \([^ ]*\).*/\1/p' "$out/vm-run/console.log" | head -n 1)"
} >> "$out/run.txt"

# The host's CPU time so far: all of it, and idle.
cpu_ticks() {
	awk '$1 == "cpu" { for (i = 2; i <= 9; i++) t += $i; print t, $5 + $6 }' /proc/stat
}
nflag=
[ $quick = yes ] && nflag=--quick
before=$(cpu_ticks)
# shellcheck disable=SC2086
"$out/native" $nflag > "$out/native.txt" 2> "$out/native.err" ||
	die bench-native "the native benchmark failed" "$out/native.err"
echo "$before $(cpu_ticks)" |
	awk '{ printf "native_busy=%.0f\n", 100 * (1 - ($4 - $2) / ($3 - $1)) }' >> "$out/run.txt"
echo "PASS bench-native"

if [ $quick = yes ]; then
	n=$(scripts/bench-report.sh check "$out/run.txt" "$out/results.txt" \
		"$out/native.txt" 2> "$out/report.err") ||
		die bench-results "results missing or wrong" "$out/report.err"
	echo "PASS bench-results ($n)"
	exit 0
fi
DMZG_DOC_NAME=$docname scripts/bench-report.sh write "$out/run.txt" \
	"$out/results.txt" "$out/native.txt" Documentation 2> "$out/report.err" ||
	die bench-results "results missing or wrong; nothing written" "$out/report.err"
echo "PASS bench-results (Documentation/$docname.rst and $docname-analysis.rst written)"
sed -n '/^Results in the VM/,/^Native micro/p' "Documentation/$docname.rst"
sed -n '/^\.\. list-table/,$p' "Documentation/$docname-analysis.rst"
