# Allocation failures (debug kernel only: failslab and fail_page_alloc):
# while confined workers fork, exec and connect with one slab allocation
# in ten and one page allocation in fifty failing, nothing their policy
# denies ever succeeds - every failure fails closed - and the kernel
# neither warns nor crashes (panic_on_warn is on).
. /tests/lib.sh
F=/sys/kernel/debug
[ -d $F/failslab ] && [ -d $F/fail_page_alloc ] ||
	missing faults "this kernel has no failslab/fail_page_alloc"
ensure_loaded
cp /usr/bin/dmzg-probe /usr/sbin/faultd
cat > /tmp/faults.policy <<'P'
profile faultd {
	attach /usr/sbin/faultd
	exec allow /usr/bin/allowed-tool
	connect allow tcp 127.0.0.1 port 2525
	connect allow tcp 127.0.0.1 port 2599
	# Each worker turns fault injection on for itself (a procfs file,
	# which only a rule naming it allows); exec'd children use /dev/null.
	write allow /proc/*/make-it-fail
	write allow /dev/null
}
P
dmzguardctl load /tmp/faults.policy > /dev/null || fail load
for f in failslab fail_page_alloc; do
	echo 1 > $F/$f/interval
	echo -1 > $F/$f/times
	echo 0 > $F/$f/verbose
	echo Y > $F/$f/task-filter
	echo N > $F/$f/ignore-gfp-wait
done
echo 10 > $F/failslab/probability
echo 2 > $F/fail_page_alloc/probability

rm -f /tmp/faults.stop
pids=""
# Each worker turns fault injection on for itself once it runs ("closed").
for w in 1 2 3 4; do
	/usr/sbin/faultd stress-worker /tmp/faults.stop closed > /tmp/fworker.$w 2>&1 &
	pids="$pids $!"
done
# A forking worker too: every child inherits the fault injection.
/usr/sbin/faultd fork-storm 2000 closed > /tmp/fforks 2>&1 &
forker=$!
sleep 20
touch /tmp/faults.stop
wait $pids
# The fork storm is bounded too: its 2,000 forks under injection take
# seconds, but reclaim can make some much slower, and what this test
# asks is that nothing crashes or escapes, not how many forks were made.
# A storm still running is shown (its state and kernel stack) and
# killed: one that a SIGKILL cannot end hangs the test, as it should.
i=0
while kill -0 $forker 2> /dev/null && [ $i -lt $((60 * SLOW)) ]; do
	sleep 1
	i=$((i + 1))
done
if kill -0 $forker 2> /dev/null; then
	echo "fork storm still running after $i s more: killed"
	grep '^State' /proc/$forker/status
	cat /proc/$forker/stack 2> /dev/null
	kill -9 $forker
fi
wait $forker
for f in failslab fail_page_alloc; do echo 0 > $F/$f/probability; done
cat /tmp/fforks
for w in 1 2 3 4; do
	cat /tmp/fworker.$w
	grep -q 'iterations=' /tmp/fworker.$w || fail "worker $w did not run"
	grep -q 'violations=0$' /tmp/fworker.$w ||
		fail "worker $w: a denied request succeeded under allocation failures"
done
errs=$(cat /tmp/fworker.* | sed -n 's/.*failed-otherwise=\([0-9]*\).*/\1/p' |
	awk '{ s += $1 } END { print s + 0 }')
echo "ok: fail closed; $errs requests failed by injected allocation failures"
[ "$errs" -gt 0 ] || fail "no injected failure reached the workers"
# Still working afterwards.
expect_out "OK" /usr/sbin/faultd exec /usr/bin/allowed-tool ping
expect_out "ERR EACCES" /usr/sbin/faultd exec /bin/busybox true
dmzguardctl clear > /dev/null
