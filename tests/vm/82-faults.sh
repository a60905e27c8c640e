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

# show PID: a process that has not ended, its state, kernel stack and
# those of its children, for whoever reads the log.
show() {
	echo "--- pid $1: $(grep '^State' /proc/$1/status 2> /dev/null)" \
		"wchan=$(cat /proc/$1/wchan 2> /dev/null)"
	cat /proc/$1/stack 2> /dev/null
	for c in $(cat /proc/$1/task/*/children 2> /dev/null); do
		show $c
	done
}

# The workers and the storm are bounded: their requests under injection
# take seconds, but a request can wait on something an injected failure
# lost (a reply, a wakeup of a socket) much longer, and what this test
# asks is that nothing crashes or escapes, not that every request
# returns.  One still running once the others have had 60 s x SLOW is
# shown (state and kernel stacks, its children's too) and killed; its
# results are not judged.  One that a SIGKILL cannot end hangs the test,
# as it should: the kernel would have lost it.
i=0
while [ $i -lt $((60 * SLOW)) ]; do
	running=""
	for p in $pids $forker; do
		kill -0 $p 2> /dev/null && running="$running $p"
	done
	[ -n "$running" ] || break
	sleep 1
	i=$((i + 1))
done
killed=""
for p in $pids $forker; do
	kill -0 $p 2> /dev/null || continue
	echo "pid $p still running $i s after the stop: shown, then killed"
	show $p > /tmp/faults.stuck
	cat /tmp/faults.stuck
	# Waiting in the module itself is a bug of the module.
	! grep -q dmzg /tmp/faults.stuck ||
		fail "pid $p waits in dmzguard under allocation failures"
	kill -9 $p $(cat /proc/$p/task/*/children 2> /dev/null)
	killed="$killed $p"
done
for p in $pids $forker; do
	wait $p
done
for f in failslab fail_page_alloc; do echo 0 > $F/$f/probability; done
cat /tmp/fforks
judged=0
w=0
for p in $pids; do
	w=$((w + 1))
	cat /tmp/fworker.$w
	case " $killed " in *" $p "*) continue ;; esac
	judged=$((judged + 1))
	grep -q 'iterations=' /tmp/fworker.$w || fail "worker $w did not run"
	grep -q 'violations=0$' /tmp/fworker.$w ||
		fail "worker $w: a denied request succeeded under allocation failures"
done
[ $judged -gt 0 ] || fail "every worker had to be killed"
errs=$(cat /tmp/fworker.* | sed -n 's/.*failed-otherwise=\([0-9]*\).*/\1/p' |
	awk '{ s += $1 } END { print s + 0 }')
echo "ok: fail closed; $errs requests failed by injected allocation failures"
[ "$errs" -gt 0 ] || fail "no injected failure reached the workers"
# Still working afterwards.
expect_out "OK" /usr/sbin/faultd exec /usr/bin/allowed-tool ping
expect_out "ERR EACCES" /usr/sbin/faultd exec /bin/busybox true
dmzguardctl clear > /dev/null
