# The in-VM benchmark (run by /init with dmzg.mode=bench).  Rounds of
# six configurations, interleaved, each timing four loops; every
# measurement goes to the results port as
#   BENCH ROUND CONFIG LOOP NS-PER-OP
# and the host computes medians and ratios.  Configurations:
#   1 no module  2 module, no policy  3 unconfined, 10k-rule policy loaded
#   4 confined, small profile  5 confined, 10k-rule profile
#   6 AppArmor profile equivalent to 4 (dmzguard not loaded)
. /tests/lib.sh
RES=/dev/ttyS1
B=/tests/bench
size=$(sed -n 's/.*dmzg.bench=\([a-z]*\).*/\1/p' /proc/cmdline)
if [ "$size" = quick ]; then
	rounds=1 n_exec=20 n_conn=100 n_udp=500 n_cap=1000 n_lat=200
else
	rounds=5 n_exec=100 n_conn=500 n_udp=3000 n_cap=5000 n_lat=1000
fi
mount -t securityfs securityfs /sys/kernel/security 2>/dev/null
cp /usr/bin/dmzg-bench /usr/bin/bench-true
cp /usr/bin/dmzg-bench /usr/sbin/benchd
cp /usr/bin/dmzg-bench /usr/sbin/benchd-aa
dmzg-bench listen 7777 &
have_aa=no
[ -e /sys/kernel/security/apparmor/.load ] && [ -x /sbin/apparmor_parser ] &&
	have_aa=yes
echo "BENCHINFO apparmor=$have_aa rounds=$rounds" > $RES

setup() {
	case $1 in
	1) ensure_unloaded; BIN=/usr/bin/dmzg-bench ;;
	2) ensure_loaded; BIN=/usr/bin/dmzg-bench ;;
	3) ensure_loaded
	   dmzguardctl load $B/big.policy > /dev/null || fail "load big"
	   BIN=/usr/bin/dmzg-bench ;;
	4) ensure_loaded
	   dmzguardctl load $B/small.policy > /dev/null || fail "load small"
	   BIN=/usr/sbin/benchd ;;
	5) ensure_loaded
	   dmzguardctl load $B/big.policy > /dev/null || fail "load big"
	   BIN=/usr/sbin/benchd ;;
	6) ensure_unloaded
	   apparmor_parser -r -K $B/benchd-aa.profile || fail "apparmor_parser"
	   BIN=/usr/sbin/benchd-aa ;;
	esac
}

teardown() {
	[ "$1" = 6 ] && apparmor_parser -R -K $B/benchd-aa.profile
	return 0
}

# Each confined configuration must really confine the loops' process.
sanity() {
	case $1 in
	4|5) out=$($BIN connect 1 4444 2>&1) && fail "config $1: not confined ($out)" ;;
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
	dmzg-bench $loop 20 7777 > /dev/null
done

configs="1 2 3 4 5"
[ $have_aa = yes ] && configs="$configs 6"
r=1
while [ $r -le $rounds ]; do
	for c in $configs; do
		setup $c
		sanity $c
		for loop in exec connect udp capable; do
			case $loop in
			exec) n=$n_exec ;; connect) n=$n_conn ;;
			udp) n=$n_udp ;; capable) n=$n_cap ;;
			esac
			v=$($BIN $loop $n 7777) || fail "config $c: $loop failed"
			echo "BENCH $r $c $loop $v" > $RES
		done
		teardown $c
	done
	r=$((r + 1))
done

# Connect latency of a confined task while the 10k-rule policy is
# replaced over and over: RCU readers never wait for a swap.  There is
# one vCPU, so the loader runs at nice 19: what is left is how long a
# decision waits for the loader, not the scheduler's time slices.
setup 5
v=$(/usr/sbin/benchd latency $n_lat 7777) || fail latency
echo "LATENCY still $v" > $RES
( while [ ! -e /tmp/bench.stop ]; do
	dmzguardctl load $B/big.policy > /dev/null
done ) &
swapper=$!
renice -n 19 -p $swapper > /dev/null
v=$(/usr/sbin/benchd latency $n_lat 7777) || fail latency
touch /tmp/bench.stop
wait $swapper
echo "LATENCY swapping $v" > $RES
# The kernel's side of loading the 10k-rule policy, from its own log.
dmesg | sed -n 's/.*policy loaded .*compile_us=\([0-9]*\).*/\1/p' | tail -n 5 |
	sed 's/^/COMPILE /' > $RES
ensure_unloaded
echo "ok: bench done"
