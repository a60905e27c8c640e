#!/bin/sh
# The bench harness's self-tests: each proves a failure is caught.  Fake
# results fed to scripts/bench-report.sh (complete ones are accepted and
# their verdicts computed; each kind of partial or wrong one is refused,
# named, and nothing is written), the native benchmark with a probe that
# gets the wrong verdict, and (given an initramfs) the VM's bench mode
# with a failing benchmark script.  One PASS/FAIL line per case; exit 1
# if any failed.
# Usage: selftest.sh NATIVE-BINARY [INITRAMFS]
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
native=$1 initrd=${2:-}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
rc=0
pass() { echo "PASS bench-selftest-$1"; }
failed() {
	echo "FAIL bench-selftest-$1 ($2)"
	[ -s "$tmp/err" ] && sed 's/^/    /' "$tmp/err" | head -n 20
	rc=1
}

# A complete fake run: 3 rounds; configuration C costs 0.1% x C more
# than configuration 1 on every loop, so every ratio target is met.
rounds=3
cat > "$tmp/info" <<EOF
cpu=Fake CPU 9000
cores=2
host_kernel=6.0.0-fake
qemu=9.9.9
guest_kernel=6.1.0-fake-amd64
vm_seconds=60
native_busy=55
rounds=$rounds
replaces=4
compiles=2
small_rules=4
big_exec=5000
big_cidr=5000
EOF
awk -v rounds=$rounds 'BEGIN {
	print "BENCHINFO rounds=" rounds " exec=100 connect=500 udp=3000 capable=5000 pause_us=500"
	split("800000 90000 15000 1100", base, " ")
	split("exec connect udp capable", loop, " ")
	for (r = 1; r <= rounds; r++)
		for (c = 1; c <= 6; c++)
			for (l = 1; l <= 4; l++)
				printf "BENCH %d %d %s %d\n", r, c, loop[l], base[l] * (1 + c / 1000) + r
	print "LATENCY replacing 4 400 63000 140000 150000"
	print "LATENCY steady 400 62000 136000 180000"
	print "COMPILE 10004 8400"
	print "COMPILE 10004 8500"
	print "DONE"
}' > "$tmp/res"
awk 'BEGIN {
	print "param lookups 20000\nparam probes 4096\nparam runs 7"
	print "param compile-runs 5\nparam pattern-every 20"
	split("10 1000 10000 100000", size, " ")
	for (s = 1; s <= 4; s++) {
		printf "exec-hit %d %.1f\nexec-miss %d 30.0\n", size[s], 40 + s * 10, size[s]
		if (size[s] >= 20) printf "exec-pattern %d 80.5\n", size[s]
		printf "exec-bytes %d 75\n", size[s]
		printf "cidr-hit %d %.1f\ncidr-miss %d 35.0\ncidr-bytes %d 54\n", size[s], 40 + s * 20, size[s], size[s]
	}
	print "policy-bytes 10000 655083\npolicy-compile-ms 10000 0.95"
}' > "$tmp/native"

report() {
	"$top/scripts/bench-report.sh" "$@" > "$tmp/out" 2> "$tmp/err"
}
docs=$tmp/docs
mkdir -p "$docs"

# Complete: accepted, both documents written, every verdict computed.
if report write "$tmp/info" "$tmp/res" "$tmp/native" "$docs" &&
	grep -q 'Linux 6.1.0-fake-amd64' "$docs/performance.rst" &&
	grep -q 'Fake CPU 9000' "$docs/performance-analysis.rst" &&
	grep -q '^32 of 32 targets met' "$docs/performance-analysis.rst" &&
	grep -q 'during 4 replaces' "$docs/performance.rst"; then
	pass report-complete
else
	failed report-complete "a complete run was refused or misreported"
fi
if grep -E -q '^     - 0(\.0*)?( |$)' "$docs/performance.rst"; then
	failed report-no-placeholder "a 0.0 figure was printed"
elif ! grep -q '^     - n/a$' "$docs/performance.rst"; then
	failed report-no-placeholder "the 10-rule pattern cell is not n/a"
else
	pass report-no-placeholder
fi

# A verdict follows the numbers: configuration 5's exec 5% over 1's.
awk '$1 == "BENCH" && $3 == 5 && $4 == "exec" { $5 = int($5 * 1.05) } 1' \
	"$tmp/res" > "$tmp/res.slow"
if report write "$tmp/info" "$tmp/res.slow" "$tmp/native" "$docs" &&
	grep -A 3 'Confined, 10k rules (5 vs 1): exec' "$docs/performance-analysis.rst" |
		grep -q 'not met' &&
	grep -A 3 'No worse than AppArmor (5 vs 6, ratios to 1): exec' "$docs/performance-analysis.rst" |
		grep -q 'not met' &&
	grep -q '^30 of 32 targets met' "$docs/performance-analysis.rst"; then
	pass report-verdict-computed
else
	failed report-verdict-computed "a 5% exec overhead was not reported as not met"
fi

# refuses NAME WANT-IN-MESSAGE RESULTS [NATIVE [INFO]]: the report must
# fail, name WANT, and leave the documents as they were.
refuses() {
	name=$1 want=$2
	printf 'sentinel\n' > "$docs/performance.rst"
	printf 'sentinel\n' > "$docs/performance-analysis.rst"
	if report write "${5:-$tmp/info}" "$3" "${4:-$tmp/native}" "$docs"; then
		failed "refuses-$name" "accepted"
	elif ! grep -q -- "$want" "$tmp/err"; then
		failed "refuses-$name" "the message does not say '$want'"
	elif [ "$(cat "$docs/performance.rst" "$docs/performance-analysis.rst")" != "$(printf 'sentinel\nsentinel')" ]; then
		failed "refuses-$name" "a document was written"
	elif ! report check "${5:-$tmp/info}" "$3" "${4:-$tmp/native}"; then
		pass "refuses-$name"
	else
		failed "refuses-$name" "check mode accepted it"
	fi
}

grep -v '^BENCH 2 3 connect ' "$tmp/res" > "$tmp/r1"
refuses missing-result 'no result for round 2, configuration 3, loop connect' "$tmp/r1"
grep -v '^BENCH 3 6 ' "$tmp/res" > "$tmp/r2"
refuses missing-config 'configuration 6, loop capable' "$tmp/r2"
sed '/^BENCH 2 /,$d' "$tmp/res" > "$tmp/r3"
echo "FAIL bench (exit 1)" >> "$tmp/r3"
refuses vm-failed 'did not report DONE' "$tmp/r3"
refuses vm-failed-line 'the VM reported: FAIL bench' "$tmp/r3"
grep -v '^LATENCY replacing' "$tmp/res" > "$tmp/r4"
refuses no-replace-latency 'no latency during replaces' "$tmp/r4"
sed 's/^LATENCY replacing 4 /LATENCY replacing 1 /' "$tmp/res" > "$tmp/r5"
refuses few-replaces 'covers 1 replaces, 4 expected' "$tmp/r5"
sed '/^COMPILE 10004 8500/d' "$tmp/res" > "$tmp/r6"
refuses few-compiles '1 compile times' "$tmp/r6"
sed 's/^COMPILE 10004 8500/COMPILE 4 9/' "$tmp/res" > "$tmp/r7"
refuses small-compile 'compile 2 was of a 4-rule policy' "$tmp/r7"
grep '^BENCH 1 1 exec ' "$tmp/res" | cat "$tmp/res" - > "$tmp/r8"
refuses duplicate 'result given twice' "$tmp/r8"
sed 's/^\(BENCH 1 4 udp\) .*/\1 0/' "$tmp/res" > "$tmp/r9"
refuses zero-result 'malformed result line: BENCH 1 4 udp 0' "$tmp/r9"
grep -v '^exec-pattern 10000 ' "$tmp/native" > "$tmp/n1"
refuses native-missing 'no exec-pattern figure for 10000 rules' "$tmp/res" "$tmp/n1"
sed 's/^exec-pattern 1000 .*/exec-pattern 1000 0.0/' "$tmp/native" > "$tmp/n2"
refuses native-zero 'native: malformed line: exec-pattern 1000 0.0' "$tmp/res" "$tmp/n2"
grep -v '^guest_kernel=' "$tmp/info" > "$tmp/i1"
refuses no-guest-kernel 'has no guest_kernel' "$tmp/res" "$tmp/native" "$tmp/i1"

# The native benchmark fails on a lookup with the wrong verdict.
if "$native" --quick --corrupt-probe > /dev/null 2> "$tmp/err"; then
	failed native-wrong-verdict "a wrong verdict was timed without error"
elif grep -q 'got no match, want allow' "$tmp/err"; then
	pass native-wrong-verdict
else
	failed native-wrong-verdict "no message naming the wrong verdict"
fi

# The VM's bench mode reports FAIL, not DONE, when its script fails.
if [ -n "$initrd" ]; then
	mkdir -p "$tmp/stage/tests"
	printf 'echo "FAIL: planted failure"\nexit 3\n' > "$tmp/stage/tests/bench.sh"
	(cd "$tmp/stage" && find . | cpio -o -H newc --quiet | gzip -1) > "$tmp/extra.gz"
	cat "$initrd" "$tmp/extra.gz" > "$tmp/initrd.gz"
	"$top/scripts/vm.sh" "$tmp/initrd.gz" --timeout 180 --keep "$tmp/vm" \
		--append "dmzg.mode=bench" > "$tmp/err" 2>&1
	vrc=$?
	if [ $vrc -ne 0 ] && grep -q '^FAIL bench (exit 3)' "$tmp/err" &&
		grep -q 'planted failure' "$tmp/vm/results.txt" &&
		! tr -d '\r' < "$tmp/vm/results.txt" | grep -q '^DONE'; then
		pass vm-reports-failure
	else
		failed vm-reports-failure "vm.sh exited $vrc"
	fi
fi
exit $rc
