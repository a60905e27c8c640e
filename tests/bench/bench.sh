# The in-VM benchmark (run by /init with dmzg.mode=bench).  Rounds of
# six configurations, interleaved in an order that rotates, each timing
# four loops, then the connect latency while the 10k-rule policy is
# replaced over and over, then the kernel's compile time of that policy.  Results go to the
# results port, one a line:
#   BENCHINFO KEY=VALUE...                 how it measured
#   BENCH ROUND CONFIG LOOP NS-PER-OP
#   LATENCY replacing REPLACES CONNECTS MEAN-NS P99-NS MAX-NS
#   LATENCY steady CONNECTS MEAN-NS P99-NS MAX-NS
#   COMPILE RULES MICROSECONDS            one line per load
# and the host computes medians and ratios.  Configurations:
#   1 no module  2 module, no policy  3 unconfined, 10k-rule policy loaded
#   4 confined, small profile  5 confined, 10k-rule profile
#   6 AppArmor profile equivalent to 4 (dmzguard not loaded)
# The host sets how many rounds, replaces and compile loads it expects
# (dmzg.rounds=, dmzg.replaces=, dmzg.compiles=).  Any error exits
# non-zero, and /init then reports FAIL instead of DONE.
. /tests/lib.sh
RES=/dev/ttyS1
B=/tests/bench
PORT=7777

# arg NAME : the number the host passed as dmzg.NAME=N.
arg() {
	sed -n "s/.*dmzg\.$1=\([0-9]*\).*/\1/p" /proc/cmdline
}
rounds=$(arg rounds) replaces=$(arg replaces) compiles=$(arg compiles)
for v in rounds=$rounds replaces=$replaces compiles=$compiles; do
	case ${v#*=} in
	''|0|*[!0-9]*) fail "no dmzg.${v%%=*}=N (N > 0) on the command line" ;;
	esac
done
if grep -q 'dmzg.bench=quick' /proc/cmdline; then
	n_exec=20 n_conn=100 n_udp=500 n_cap=1000
else
	# Loops of about a second each: the work a loop leaves to later
	# (task and cred structures freed after an RCU grace period) is
	# then mostly done inside it.  With 100 execs (80 ms), a profile's
	# exec loop counted AppArmor's cost over no module as 133 ns where
	# 1,000 gave 833, and dmzguard's as 477 where 1,000 gave 839.
	n_exec=1000 n_conn=5000 n_udp=30000 n_cap=30000
fi
# The latency loops sleep this long between two connects: the CPU the
# loader of the replaces gets.
pause_us=500
mount -t securityfs securityfs /sys/kernel/security 2>/dev/null
[ -e /sys/kernel/security/apparmor/.load ] ||
	fail "AppArmor is not enabled in the guest kernel (configuration 6)"
[ -x /sbin/apparmor_parser ] || fail "no /sbin/apparmor_parser (configuration 6)"
cp /usr/bin/dmzg-bench /usr/bin/bench-true
# The loops' program under three names (each configuration attaches by
# its own), but one file: the same pages in every configuration.  The
# names are of one length: the shell passes the program's path in the
# environment ($_), which each exec of the loop copies, at a cost that
# depends on its length and alignment.
ln -f /usr/bin/dmzg-bench /usr/sbin/benchd-dg
ln -f /usr/bin/dmzg-bench /usr/sbin/benchd-aa
# No TIME_WAIT sockets: otherwise each connect's cost depends on how
# many earlier connects, of any configuration, left one behind (the port
# search and the connection table grow with them).
sysctl -q -w net.ipv4.tcp_max_tw_buckets=0 || fail "tcp_max_tw_buckets"
# No memory work on a timer of its own, which lands in one loop and not
# in the next: no transparent huge pages (khugepaged's scans, a huge
# page cleared at a fault), no proactive compaction, and the per-CPU
# memory statistics folded once a minute rather than every second.
echo never > /sys/kernel/mm/transparent_hugepage/enabled ||
	fail "transparent_hugepage"
sysctl -q -w vm.compaction_proactiveness=0 || fail "compaction_proactiveness"
sysctl -q -w vm.stat_interval=60 || fail "stat_interval"
dmzg-bench listen $PORT &
listener=$!
wait_quiet
echo "BENCHINFO rounds=$rounds exec=$n_exec connect=$n_conn udp=$n_udp" \
	"capable=$n_cap pause_us=$pause_us quiet_after_s=$QUIET_S" > $RES

load() {
	dmzguardctl load "$B/$1.policy" > /dev/null || fail "load $1.policy"
}

setup() {
	case $1 in
	1) ensure_unloaded; BIN=/usr/bin/dmzg-bench ;;
	2) ensure_loaded; dmzguardctl clear > /dev/null || fail "clear"
	   BIN=/usr/bin/dmzg-bench ;;
	3) ensure_loaded; load big; BIN=/usr/bin/dmzg-bench ;;
	4) ensure_loaded; load small; BIN=/usr/sbin/benchd-dg ;;
	5) ensure_loaded; load big; BIN=/usr/sbin/benchd-dg ;;
	6) ensure_unloaded
	   apparmor_parser -r -K $B/benchd-aa.profile ||
		fail "apparmor_parser could not load the profile"
	   BIN=/usr/sbin/benchd-aa ;;
	esac
}

teardown() {
	if [ "$1" = 6 ]; then
		apparmor_parser -R -K $B/benchd-aa.profile ||
			fail "apparmor_parser could not remove the profile"
	fi
	return 0
}

# Each confined configuration must really confine the loops' process.
sanity() {
	case $1 in
	# Refused by the profile, not merely by a closed port.
	4|5) out=$($BIN connect 1 4444 2>&1)
	     case $out in
	     *"Permission denied"*) ;;
	     *) fail "config $1: not confined (a connect to port 4444: $out)" ;;
	     esac ;;
	6) $BIN listen 7999 & p=$!
	   sleep 0.2
	   grep -q benchd-aa /proc/$p/attr/current || fail "config 6: not confined"
	   kill $p
	   wait $p ;;
	esac
	return 0
}

# Warm-up (discarded): first runs pay for page cache and slab growth.
for loop in exec connect udp capable; do
	dmzg-bench $loop 20 $PORT > /dev/null || fail "warm-up: $loop failed"
done

# The order changes from round to round, a balanced Latin square: over
# six rounds each configuration comes once in each place and follows
# each other one exactly once.  The guest's state drifts over a run
# (connects got 3 % faster from the first round to the last on 6.12),
# and a configuration's setup leaves the allocators as the one before it
# left them (a 10k-rule policy freed, AppArmor's profile loaded): with
# one fixed order, the same configuration would always come after the
# same one.  Each is measured once the work its setup left behind (the
# old policy's memory given back, log lines written) is done.
r=1
while [ $r -le $rounds ]; do
	for i in 0 1 5 2 4 3; do
		c=$(( (r - 1 + i) % 6 + 1 ))
		setup $c
		sanity $c
		wait_quiet
		for loop in exec connect udp capable; do
			case $loop in
			exec) n=$n_exec ;; connect) n=$n_conn ;;
			udp) n=$n_udp ;; capable) n=$n_cap ;;
			esac
			v=$($BIN $loop $n $PORT) || fail "config $c: $loop failed"
			echo "BENCH $r $c $loop $v" > $RES
		done
		teardown $c
	done
	r=$((r + 1))
done

# Connect latency of a confined task while the 10k-rule policy is
# replaced REPLACES times: RCU readers never wait for a swap.  There is
# one vCPU: the loader runs at nice 19 and the measuring task sleeps
# between connects, so what a connect shows is how long a decision waits
# for the loader, not the scheduler's time slices.  The measuring runs
# until the last replace is done, so it covers every one of them.  Then
# the same number of connects while a nice-19 task only spins, so that
# the CPU is as busy and only the replaces differ.
nice19() {
	script=$1
	shift
	sh -c "renice -n 19 -p \$\$ > /dev/null; $script" nice19 "$@" &
}
setup 5
wait_quiet
rm -f /tmp/bench.stop /tmp/bench.replaced
nice19 'i=0
	while [ $i -lt "$1" ] && dmzguardctl load "$2" > /dev/null; do
		i=$((i + 1))
	done
	echo $i > /tmp/bench.replaced
	touch /tmp/bench.stop' "$replaces" $B/big.policy
bg=$!
v=$(/usr/sbin/benchd-dg latency-until /tmp/bench.stop $PORT $pause_us) ||
	fail "latency during replaces: the connect loop failed"
wait $bg
made=$(cat /tmp/bench.replaced)
[ "$made" = "$replaces" ] ||
	fail "latency during replaces: replace $((made + 1)) of $replaces failed"
echo "LATENCY replacing $replaces $v" > $RES
rm -f /tmp/bench.stop
nice19 'while [ ! -e /tmp/bench.stop ]; do :; done'
bg=$!
v=$(/usr/sbin/benchd-dg latency "${v%% *}" $PORT $pause_us) ||
	fail "steady latency: the connect loop failed"
touch /tmp/bench.stop
wait $bg
echo "LATENCY steady $v" > $RES

# The kernel's side of loading the 10k-rule policy, from its own log:
# only these loads are in the log (it is cleared first).
dmesg -c > /dev/null
i=0
while [ $i -lt $compiles ]; do
	load big
	i=$((i + 1))
done
dmesg | sed -n 's/.*policy loaded .* rules=\([0-9]*\) compile_us=\([0-9]*\).*/COMPILE \1 \2/p' \
	> /tmp/bench.compile
n=$(grep -c '^COMPILE' /tmp/bench.compile)
[ "$n" = "$compiles" ] ||
	fail "compile: $n 'policy loaded' log lines for $compiles loads"
cat /tmp/bench.compile > $RES
ensure_unloaded
kill $listener
echo "ok: bench done"
