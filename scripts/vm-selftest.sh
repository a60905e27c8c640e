#!/bin/sh
# Prove the VM harness fails when it must: a failing test, a kernel
# WARNING, a hung VM and a panic partway through a run each make
# scripts/vm.sh exit non-zero with the right verdict; and the threat table
# is never made from a failing run; the bypass matrix judges every wrong
# expectation (tests/vm/selftest/matrix-wrong.cases) a failure.  Prints one PASS/FAIL line per case.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 1
img=build/initramfs.cpio.gz
rc=0
check() {
	name=$1 only=$2 want=$3 timeout=$4 also=${5:-}
	out=$(scripts/vm.sh "$img" --timeout "$timeout" \
		--append "dmzg.tests=/tests/selftest dmzg.only=$only" 2>&1)
	vrc=$?
	if [ $vrc -ne 0 ] && echo "$out" | grep -q "$want" &&
		echo "$out" | grep -q "${also:-$want}"; then
		echo "PASS harness-detects-$name"
	else
		echo "FAIL harness-detects-$name (exit $vrc, wanted '$want' ${also:+and '$also'})"
		echo "$out" | sed 's/^/    /' | head -n 20
		rc=1
	fi
}
# The threat table is never made from a failing run.
t=$(mktemp)
printf 'PASS 70-matrix\nMATRIX exec|x|y|refused (EACCES, op=exec)|-|-\nFAIL other\n' > "$t"
if scripts/threat-table.sh "$t" test > /dev/null 2>&1; then
	echo "FAIL harness-threat-table-refuses-failing-run"
	rc=1
else
	echo "PASS harness-threat-table-refuses-failing-run"
fi
# ... and counts what a passing run shows, whatever the kernel is called.
printf 'PASS 70-matrix\nMATRIX exec|x|y|refused (EACCES, op=exec)|refused by the kernel (EPERM)|allowed\n' > "$t"
if scripts/threat-table.sh "$t" 6.1.0-56-amd64 | tr '\n' ' ' |
	grep -q 'checked: 1; refused first .* case names): 1; allowed controls: 1;'; then
	echo "PASS harness-threat-table-counts"
else
	echo "FAIL harness-threat-table-counts"
	scripts/threat-table.sh "$t" 6.1.0-56-amd64 | sed -n 4,9p | sed 's/^/    /'
	rc=1
fi
rm -f "$t"
# Every file a test waits on is removed before the command that writes it
# starts (tests/vm/lib.sh's wait_for says why); before this rule, test 21
# could take an earlier watch's "watching" for its own.
stale=$(awk 'FNR == 1 { split("", fresh) }
	$1 == "rm" && $2 == "-f" { for (i = 3; i <= NF; i++) fresh[$i] = 1 }
	$1 == "wait_for" {
		if (!fresh[$3]) print FILENAME ":" FNR ": " $3 " not removed first"
		fresh[$3] = 0
	}' tests/vm/*.sh tests/vm/mutants/*.sh) || stale="awk failed"
if [ -z "$stale" ]; then
	echo "PASS harness-waits-on-fresh-files"
else
	echo "FAIL harness-waits-on-fresh-files"
	echo "$stale" | sed 's/^/    /'
	rc=1
fi
# A failing test says why, indented under its FAIL line.
check failing-test 10 "^FAIL 10-fails" 120 \
	"^    FAIL: the reason, shown under the FAIL line"
check kernel-warning 20 "^FAIL kernel-clean" 120
check hang 30 "^FAIL vm-powered-off (no power-off" 45
check panic 40 "^FAIL vm-powered-off (the VM stopped before finishing" 120
check matrix-wrong-expectations 50 "^FAIL judged: 8 of 8 wrong expectations failed" 300
exit $rc
