# vm-timeout: 900
# Stress: 1,000 policy replaces while 8 confined workers exec and connect
# in a loop.  Every outcome must be one that both the old and the new
# policy give (a decision on a half-built or missing policy shows up as a
# refused allowed rule or an allowed denied one), and afterwards the
# policy's size, the confined-task table and kernel slab memory are back
# to their baseline.  Then 10,000 short-lived confined processes: the
# task table returns to its baseline size.
. /tests/lib.sh
ensure_loaded
cp /usr/bin/dmzg-probe /usr/sbin/stressd

# Two policies that agree on what the workers ask, differ in the rest,
# and put the shared rules in different places.
gen() {
	echo "profile stressd {"
	echo "	attach /usr/sbin/stressd"
	echo "	exec allow /usr/bin/allowed-tool"
	echo "	connect allow tcp 127.0.0.1 port 2525"
	i=0
	while [ $i -lt 100 ]; do
		echo "	connect allow tcp 10.$1.$((i / 250)).$((i % 250 + 1)) port $((3000 + i))"
		echo "	exec allow /opt/$1/bin/tool$i"
		i=$((i + 1))
	done
	echo "	connect allow tcp 127.0.0.1 port 2599"
	echo "}"
}
gen 1 > /tmp/stress-a.policy
gen 2 > /tmp/stress-b.policy
dmzguardctl load /tmp/stress-a.policy > /dev/null || fail "load a"
bytes() { dmzguardctl status | sed -n 's/.*rules, \([0-9]*\) bytes/\1/p'; }
tasks() { dmzguardctl status | sed -n 's/^confined tasks: //p'; }
slab() { sed -n 's/^SUnreclaim: *\([0-9]*\) kB/\1/p' /proc/meminfo; }
sleep 1
base_bytes=$(bytes) base_tasks=$(tasks) base_slab=$(slab)
# A status format the parsers above no longer read must not pass as equal.
case "$base_bytes:$base_tasks" in
*[!0-9:]*|:*|*:) fail "cannot read policy bytes or confined tasks from status ('$base_bytes', '$base_tasks')" ;;
esac

rm -f /tmp/stress.stop
w=0
while [ $w -lt 8 ]; do
	/usr/sbin/stressd stress-worker /tmp/stress.stop > /tmp/worker.$w 2>&1 &
	w=$((w + 1))
done
sleep 1
[ "$(tasks)" -ge $((base_tasks + 8)) ] || fail "workers are not confined"
replaces=$(scaled 1000)
start=$(date +%s)
i=0
while [ $i -lt $replaces ]; do
	if [ $((i % 2)) -eq 0 ]; then p=b; else p=a; fi
	dmzguardctl load /tmp/stress-$p.policy > /dev/null || fail "replace $i"
	i=$((i + 1))
done
echo "ok: $replaces replaces in $(($(date +%s) - start)) s"
touch /tmp/stress.stop
wait
total=0
w=0
while [ $w -lt 8 ]; do
	cat /tmp/worker.$w
	grep -q 'violations=0$' /tmp/worker.$w || fail "worker $w saw a decision neither policy makes"
	n=$(sed -n 's/iterations=\([0-9]*\).*/\1/p' /tmp/worker.$w)
	total=$((total + n))
	w=$((w + 1))
done
[ $total -ge 8 ] || fail "the workers hardly ran ($total rounds)"
echo "ok: $total worker rounds of 6 decisions, none inconsistent"

# Back to baseline.
dmzguardctl load /tmp/stress-a.policy > /dev/null || fail "reload a"
sleep 2
[ "$(bytes)" = "$base_bytes" ] || fail "policy bytes $(bytes) != baseline $base_bytes"
[ "$(tasks)" = "$base_tasks" ] || fail "confined tasks $(tasks) != baseline $base_tasks"
grow=$(($(slab) - base_slab))
echo "slab (unreclaimable) grew by $grow kB"
[ $grow -lt 8192 ] || fail "unreclaimable slab grew by $grow kB: a leak"
echo "ok: policy size, task table and slab back to baseline"

# 10,000 short-lived confined processes (fewer on the debug kernel).
n=$(scaled 10000)
start=$(date +%s)
expect_out "forked=$n failed=0" /usr/sbin/stressd fork-storm $n
echo "ok: $n processes in $(($(date +%s) - start)) s"
sleep 1
[ "$(tasks)" = "$base_tasks" ] || fail "confined tasks $(tasks) != baseline $base_tasks after $n exits"
echo "ok: task table back to $base_tasks"
dmzguardctl clear > /dev/null
