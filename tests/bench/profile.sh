# The in-VM part of scripts/insn-profile.sh (run by /init as the
# benchmark, dmzg.mode=bench).  For configurations 1 (no module), 4
# (confined, small profile) and 6 (AppArmor) of make bench, each loop
# runs between two sync() calls: the host's plugin writes its counts out
# at each, so every second file holds one loop and nothing else.  Then
# the kernel's and the module's symbols, for the host to name addresses.
#   PROFILE PAIR CONFIG LOOP N NS-PER-OP   the loop of pair PAIR
#   SYM ADDRESS TYPE NAME [MODULE]         /proc/kallsyms, text only
. /tests/lib.sh
RES=/dev/ttyS1
B=/tests/bench
PORT=7777
mount -t securityfs securityfs /sys/kernel/security 2>/dev/null
[ -e /sys/kernel/security/apparmor/.load ] || fail "AppArmor is not enabled"
cp /usr/bin/dmzg-bench /usr/bin/bench-true
ln -f /usr/bin/dmzg-bench /usr/sbin/benchd-dg
ln -f /usr/bin/dmzg-bench /usr/sbin/benchd-aa
# As in bench.sh: no TIME_WAIT sockets left from one loop to the next.
sysctl -q -w net.ipv4.tcp_max_tw_buckets=0 || fail "tcp_max_tw_buckets"
dmzg-bench listen $PORT &
wait_quiet
for loop in exec connect udp capable; do
	dmzg-bench $loop 20 $PORT > /dev/null || fail "warm-up: $loop failed"
done
pair=0
for c in 1 4 6; do
	case $c in
	1) ensure_unloaded; BIN=/usr/bin/dmzg-bench ;;
	4) ensure_loaded
	   dmzguardctl load $B/small.policy > /dev/null || fail "load"
	   BIN=/usr/sbin/benchd-dg
	   # Refused by the profile, not merely by a closed port.
	   out=$($BIN connect 1 4444 2>&1)
	   case $out in
	   *"Permission denied"*) ;;
	   *) fail "not confined (a connect to port 4444: $out)" ;;
	   esac
	   grep -E ' [tT] ' /proc/kallsyms | grep dmzguard | sed 's/^/SYM /' > $RES ;;
	6) ensure_unloaded
	   apparmor_parser -r -K $B/benchd-aa.profile || fail "apparmor_parser"
	   BIN=/usr/sbin/benchd-aa ;;
	esac
	wait_quiet
	for loop in exec connect udp capable; do
		case $loop in
		exec) n=1000 ;; connect) n=5000 ;; udp) n=30000 ;;
		capable) n=30000 ;;
		esac
		$BIN $loop 20 $PORT > /dev/null || fail "config $c: $loop"
		sync
		v=$($BIN $loop $n $PORT) || fail "config $c: $loop"
		sync
		echo "PROFILE $pair $c $loop $n $v" > $RES
		pair=$((pair + 1))
	done
done
grep -E ' [tT] ' /proc/kallsyms | grep -v '\[' | sed 's/^/SYM /' > $RES
