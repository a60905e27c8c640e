#!/bin/sh
# make bench: the in-VM benchmark (one boot, six configurations
# interleaved round by round, QEMU's instruction-count clock) and the
# native micro-benchmarks, then Documentation/performance.rst.
# Usage: bench.sh [--quick]   (--quick: the smoke run make check does; it
#                              checks that every loop runs, writes nothing)
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
quick=no
[ "${1:-}" = --quick ] && quick=yes
out=build/bench
mkdir -p "$out/stage/tests/bench" "$out/stage/usr/bin" "$out/stage/sbin" \
	"$out/stage/lib/x86_64-linux-gnu"
cache=${DMZG_CACHE:-$HOME/.cache/dmzguard}

make -s vm-artifacts > "$out/build.log" 2>&1 || {
	echo "FAIL bench-build"; tail -n 30 "$out/build.log"; exit 1; }
cc -static -O2 -Wall -Wextra -Werror -o "$out/stage/usr/bin/dmzg-bench" \
	tests/bench/vm-bench.c
cc -std=gnu11 -O2 -Wall -Wextra -Werror -Itests/bench/shim -Ikmod \
	-Iuserspace -o "$out/native" tests/bench/native.c kmod/hidx.c \
	kmod/glob.c kmod/match_path.c kmod/match_net.c kmod/policy_src.c \
	kmod/policy.c

# AppArmor's parser from Debian's package (it needs only the C library).
aa=$cache/apparmor
if [ ! -x "$aa/root/sbin/apparmor_parser" ]; then
	rm -rf "$aa" && mkdir -p "$aa"
	(cd "$aa" && apt-get download apparmor > /dev/null 2>&1 &&
		dpkg -x apparmor_*.deb root && rm -f apparmor_*.deb) ||
		echo "bench: no apparmor package: configuration 6 is skipped"
fi
if [ -x "$aa/root/sbin/apparmor_parser" ]; then
	cp "$aa/root/sbin/apparmor_parser" "$out/stage/sbin/"
	cp -L /lib/x86_64-linux-gnu/libc.so.6 "$out/stage/lib/x86_64-linux-gnu/"
	mkdir -p "$out/stage/etc/apparmor"
	: > "$out/stage/etc/apparmor/parser.conf"
fi

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
	echo "	attach /usr/sbin/benchd"
	rules_common
	echo "}"
} > "$out/stage/tests/bench/small.policy"
awk 'BEGIN {
	print "profile benchd {"
	print "\tattach /usr/sbin/benchd"
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
cat build/initramfs.cpio.gz "$out/extra.cpio.gz" > "$out/initramfs.cpio.gz"

size=full
[ $quick = yes ] && size=quick
start=$(date +%s)
scripts/vm.sh "$out/initramfs.cpio.gz" --icount --keep "$out/vm-run" \
	--timeout "${DMZG_BENCH_TIMEOUT:-3000}" \
	--append "dmzg.mode=bench dmzg.bench=$size lsm=landlock,lockdown,yama,integrity,apparmor" \
	> "$out/vm.txt" || { cat "$out/vm.txt"; echo "FAIL bench-vm"; exit 1; }
vm_secs=$(($(date +%s) - start))
res=$out/vm-run/results.txt
tr -d '\r' < "$res" > "$out/results.txt"
if [ $quick = yes ]; then
	n=$(grep -c '^BENCH ' "$out/results.txt" || true)
	want=20
	grep -q 'apparmor=yes' "$out/results.txt" && want=24
	if [ "$n" -ge $want ] && grep -q '^LATENCY swapping' "$out/results.txt"; then
		echo "PASS bench-smoke ($n loop results in ${vm_secs}s)"
	else
		echo "FAIL bench-smoke (only $n of $want loop results)"
		tail -n 20 "$out/results.txt"
		exit 1
	fi
	"$out/native" --quick > "$out/native.txt" &&
		echo "PASS bench-native-smoke" || { echo "FAIL bench-native-smoke"; exit 1; }
	exit 0
fi
"$out/native" > "$out/native.txt"
kernel=$(sed -n 's/.*Linux version \([^ ]*\).*/\1/p' "$out/vm-run/console.log" | head -n 1)
scripts/bench-report.sh "$out/results.txt" "$out/native.txt" "$kernel" \
	"$vm_secs" > Documentation/performance.rst
sed -n '/^Results in the VM/,$p' Documentation/performance.rst | head -n 60
