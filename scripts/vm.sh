#!/bin/sh
# Boot the Debian kernel under QEMU (TCG) with a test initramfs and judge
# the run.  Prints one line per test ("PASS name", "FAIL name", "SKIP
# name") and exits non-zero if any test failed, the kernel warned or
# oopsed, or the VM did not power off in time.
# Usage: vm.sh INITRAMFS [--timeout S] [--append "ARGS"] [--icount]
#        [--kernel BZIMAGE] [--keep DIR] [--mem MB] [--plugin SPEC]
set -eu

initrd=$1
shift
timeout=900
append=""
icount=""
kernel=""
keep=""
mem=1024
smp=2
plugin=""
while [ $# -gt 0 ]; do
	case $1 in
	--timeout) timeout=$2; shift 2 ;;
	--append) append=$2; shift 2 ;;
	# One vCPU with the instruction-count clock: bringing up a second
	# one never finishes when the clock only advances with instructions.
	--icount) icount="-icount shift=0,sleep=off"; smp=1; shift ;;
	--kernel) kernel=$2; shift 2 ;;
	--keep) keep=$2; shift 2 ;;
	--mem) mem=$2; shift 2 ;;
	# A TCG plugin (scripts/insn-profile.sh): QEMU's -plugin argument.
	--plugin) plugin="-plugin $2"; shift 2 ;;
	*) echo "vm.sh: unknown option $1" >&2; exit 2 ;;
	esac
done
top=$(cd "$(dirname "$0")/.." && pwd)
[ -n "$kernel" ] || kernel=$("$top"/scripts/kernel.sh image)
dir=${keep:-$(mktemp -d)}
mkdir -p "$dir"
console=$dir/console.log
results=$dir/results.txt
: > "$console"
: > "$results"

# Single-threaded TCG: the guest still has two CPUs and interleaves them,
# but QEMU translates and runs them on one host thread.  With one thread
# per vCPU, the guest's live code patching (ftrace, as dmzguard and any
# livepatch use it) races QEMU's handling of cross-modifying code: a
# module that only registers an empty ftrace callback crashes the guest
# under host load that way (jump to address 0 from a patched call site).
# panic_on_warn, softlockup_panic and hung_task_panic turn every kernel
# complaint into a panic; panic=-1 with -no-reboot then ends QEMU.
# shellcheck disable=SC2086
timeout --foreground "$timeout" qemu-system-x86_64 -accel tcg,thread=single -cpu max \
	-smp "$smp" -m "$mem" -display none -monitor none -no-reboot -nic none \
	$icount $plugin \
	-kernel "$kernel" -initrd "$initrd" \
	-serial "file:$console" -serial "file:$results" \
	-append "console=ttyS0 panic=-1 panic_on_warn=1 oops=panic softlockup_panic=1 hung_task_panic=1 hung_task_timeout_secs=60 loglevel=6 $append" \
	</dev/null >/dev/null 2>&1 && qrc=0 || qrc=$?

fail=0
# A failing test's last lines follow its FAIL line, indented: the reason
# must reach the log of a run nobody watched.
tr -d '\r' < "$results" | grep -E '^(PASS|FAIL|SKIP) |^    ' || true
tr -d '\r' < "$results" | grep -q '^FAIL ' && fail=1
if grep -E -q 'WARNING:|BUG:|Oops|Kernel panic|soft lockup|rcu_sched self-detected|INFO: task .* blocked|KASAN|kmemleak: [1-9]|general protection fault|UBSAN' "$console"; then
	echo "FAIL kernel-clean (the kernel reported a problem; see below)"
	grep -E -A 25 'WARNING:|BUG:|Oops|Kernel panic|soft lockup|self-detected|blocked for more|KASAN|kmemleak: [1-9]|general protection|UBSAN' "$console" | head -n 60 | sed 's/^/    /'
	fail=1
else
	echo "PASS kernel-clean"
fi
if [ "$qrc" = 124 ]; then
	echo "FAIL vm-powered-off (no power-off within ${timeout}s: hang)"
	tail -n 30 "$console" | sed 's/^/    /'
	fail=1
elif ! tr -d '\r' < "$results" | grep -q '^DONE'; then
	echo "FAIL vm-powered-off (the VM stopped before finishing: panic or crash)"
	tail -n 40 "$console" | sed 's/^/    /'
	fail=1
else
	echo "PASS vm-powered-off"
fi
[ -n "$keep" ] || rm -rf "$dir"
exit $fail
