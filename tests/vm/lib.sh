# Helpers sourced by the VM tests (busybox sh).
# The module under test (the mutation check loads other builds).
KO=${KO:-/lib/modules/dmzguard.ko}
SLOW=${SLOW:-1}

# scaled N : a loop count, divided on a slow (debug) kernel.
scaled() {
	echo $(($1 / SLOW / ${FEWER:-1}))
}

fail() {
	echo "FAIL: $*"
	exit 1
}

# required FEATURE : the tier requires FEATURE (dmzg.require=a,b,... on
# the kernel command line): a test must fail, not skip, without it.
required() {
	sed -n 's/.*dmzg.require=\([^ ]*\).*/\1/p' /proc/cmdline |
		tr ',' '\n' | grep -q -x "$1"
}

# missing FEATURE WHY : this kernel lacks FEATURE: skip the test (exit
# 77), or fail it where the tier requires the feature.
missing() {
	required "$1" && fail "this tier requires $1, but $2"
	echo "$2: skipped"
	exit 77
}

ensure_loaded() {
	grep -q '^dmzguard ' /proc/modules || insmod $KO || fail "insmod failed"
}

ensure_unloaded() {
	# A test that failed may have left the conflicting test module.
	if grep -q '^dmzg_testmod ' /proc/modules; then
		rmmod dmzg_testmod || fail "rmmod dmzg_testmod failed"
	fi
	if grep -q '^dmzguard ' /proc/modules; then
		dmzguardctl clear >/dev/null 2>&1
		rmmod dmzguard || fail "rmmod failed"
	fi
}

# expect_out WANT CMD... : run CMD, its output must contain WANT.
expect_out() {
	want=$1
	shift
	out=$("$@" 2>&1)
	case "$out" in
	*"$want"*) echo "ok: $* -> $want" ;;
	*) fail "$*: expected '$want', got '$out'" ;;
	esac
}

# dmesg_has PATTERN : the kernel log has a line matching PATTERN (grep -E).
dmesg_has() {
	dmesg | grep -E -q "$1" ||
		fail "dmesg has no line matching '$1'; its last dmzguard lines: $(dmesg | grep dmzguard | tail -n 3)"
	echo "ok: dmesg has '$1'"
}

dmesg_lacks() {
	if dmesg | grep -E -q "$1"; then
		fail "dmesg unexpectedly has '$1'"
	fi
	echo "ok: dmesg lacks '$1'"
}

# wait_quiet : wait (60 s at most) until the CPU was busy for at most a
# tenth of 0.2 s; QUIET_S is set to the seconds that took.  A benchmark
# must not share its vCPU with what the kernel still does after boot:
# 6.12 runs its crypto self-tests in a kernel thread (cryptomgr_test) for
# about the first three seconds, which made round 1 of make bench 1.7
# times slower.
wait_quiet() {
	tries=0
	while :; do
		set -- $(head -n 1 /proc/stat)
		busy=$(($2 + $3 + $4 + $7 + $8 + $9)) idle=$(($5 + $6))
		sleep 0.2
		set -- $(head -n 1 /proc/stat)
		busy=$(($2 + $3 + $4 + $7 + $8 + $9 - busy))
		idle=$(($5 + $6 - idle))
		[ $((busy * 10)) -gt $((busy + idle)) ] || break
		tries=$((tries + 1))
		[ $tries -lt 300 ] || fail "the guest's CPU was never idle: $busy of $((busy + idle)) ticks busy"
	done
	QUIET_S=$(echo "$tries" | awk '{ printf "%.1f", $1 * 0.2 }')
}

# wait_for TEXT FILE : wait (30 s at most) until FILE contains TEXT.
# Remove FILE before starting the background command that writes it: the
# command's shell truncates FILE only once it runs, so what an earlier
# command left there would answer for one not yet listening (and a
# SIGTERM would then kill it before it handles signals).
wait_for() {
	i=0
	while ! grep -q "$1" "$2" 2>/dev/null; do
		i=$((i + 1))
		[ $i -lt 300 ] || fail "'$1' never appeared in $2"
		sleep 0.1
	done
}

# Start the test daemon on PORT and wait until it answers.
start_testd() {
	port=$1
	killall testd 2>/dev/null && sleep 0.2
	/usr/sbin/testd serve "$port" &
	TESTD_PID=$!
	i=0
	while ! dmzg-probe ask "$port" ping 2>/dev/null | grep -q OK; do
		i=$((i + 1))
		[ $i -lt 300 ] || fail "testd did not start"
		sleep 0.1
	done
}

stop_testd() {
	kill "$TESTD_PID" 2>/dev/null
	wait "$TESTD_PID" 2>/dev/null
	return 0
}

# rule_hits TEXT : the hit counter of the first rule (or default) whose
# "show --counters" line contains TEXT.
rule_hits() {
	dmzguardctl show --counters | awk -v r="$1" 'index($0, r) { print $1; exit }'
}
