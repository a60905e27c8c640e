# The administrator's commands on a real kernel: show round trip, status
# counters, watch, mode switch, learn, ps and clear.
. /tests/lib.sh
ensure_loaded
dmzguardctl clear > /dev/null
dmzguardctl load /tests/policy/testd.policy || fail load

# show prints the policy back; loading that output gives the same policy.
dmzguardctl show > /tmp/shown.policy || fail show
cat /tmp/shown.policy
dmzguardctl load /tmp/shown.policy || fail "load of show output"
dmzguardctl show > /tmp/shown2.policy || fail show2
diff /tmp/shown.policy /tmp/shown2.policy || fail "show round trip differs"
dmzguardctl show --json | grep -q '"name":"testd"' || fail "show --json"
echo "ok: show round trip"

# Counters move after a denial; watch sees it as an event.
start_testd 2121
before=$(dmzguardctl status --json | sed 's/.*"denials":\([0-9]*\).*/\1/')
rm -f /tmp/watch.err
dmzguardctl watch --count 1 > /tmp/events 2> /tmp/watch.err &
wpid=$!
wait_for watching /tmp/watch.err
expect_out "ERR EACCES" dmzg-probe ask 2121 connect tcp 127.0.0.1 4444
i=0
while kill -0 $wpid 2>/dev/null; do
	i=$((i + 1)); [ $i -lt 300 ] || fail "watch got no event"; sleep 0.1
done
cat /tmp/events
grep -q 'denied op=connect profile=testd .*dst=127.0.0.1:4444' /tmp/events ||
	fail "watch event: $(cat /tmp/events)"
after=$(dmzguardctl status --json | sed 's/.*"denials":\([0-9]*\).*/\1/')
[ "$after" -gt "$before" ] || fail "denials did not move: $before -> $after"
dmzguardctl status | grep -E '^testd +enforce' || fail "status table"
echo "ok: counters $before -> $after, event received"

# watch --json carries the parsed keys.
rm -f /tmp/watch.err
dmzguardctl watch --json --count 1 > /tmp/events.json 2> /tmp/watch.err &
wpid=$!
wait_for watching /tmp/watch.err
dmzg-probe ask 2121 exec /bin/sh > /dev/null
wait $wpid
grep -q '"kind":"denied".*"op":"exec".*"target":"/bin/busybox"' /tmp/events.json ||
	fail "json event: $(cat /tmp/events.json)"
echo "ok: json event"

# A watch with nothing to report still ends on SIGTERM (systemd stopping
# dmzguard-events.service) and when its --seconds run out: libnl alone
# would retry the interrupted receive until the next event.
ends_within() {
	what=$1
	pid=$2
	i=0
	while kill -0 "$pid" 2>/dev/null; do
		i=$((i + 1))
		[ $i -lt 50 ] || { kill -9 "$pid"; fail "watch $what: still running after 5 s"; }
		sleep 0.1
	done
	wait "$pid"
	st=$?
	[ $st -eq 0 ] || fail "watch $what: exit status $st, expected 0"
	echo "ok: watch $what: ended with status 0 within $((i / 10)) s"
}
rm -f /tmp/watch.err
dmzguardctl watch > /dev/null 2> /tmp/watch.err &
wpid=$!
wait_for watching /tmp/watch.err
kill -TERM $wpid
ends_within "on SIGTERM" $wpid
rm -f /tmp/watch.err
dmzguardctl watch --journal > /dev/null 2> /tmp/watch.err &
wpid=$!
wait_for watching /tmp/watch.err
kill -TERM $wpid
ends_within "--journal on SIGTERM" $wpid
dmzguardctl watch --seconds 1 > /dev/null 2> /tmp/watch.err &
ends_within "--seconds 1" $!

# Mode switch takes effect on the next decision; learn writes the rule.
dmzguardctl mode testd complain || fail "mode"
rm -f /tmp/learn.err
dmzguardctl learn --count 1 > /tmp/learned 2> /tmp/learn.err &
lpid=$!
wait_for learning /tmp/learn.err
expect_out "OK" dmzg-probe ask 2121 connect tcp 127.0.0.1 4444
wait $lpid
cat /tmp/learned
grep -q 'connect allow tcp 127.0.0.1 port 4444' /tmp/learned || fail "learn"
dmzguardctl mode testd enforce || fail "mode"
expect_out "ERR EACCES" dmzg-probe ask 2121 connect tcp 127.0.0.1 4444
# The kernel's reason and the errno, on one line.
out=$(dmzguardctl mode nosuch enforce 2>&1) && fail "mode of a missing profile succeeded"
[ "$out" = "mode: the kernel refused: no such profile in the active policy (No such file or directory)" ] ||
	fail "mode of a missing profile said: '$out'"
echo "ok: $out"

# ps lists the confined daemon; clear releases it.
dmzguardctl ps | grep -q testd || fail "ps"
dmzguardctl clear || fail clear
dmzguardctl status | grep -q "confined tasks: 0" || fail "still confined after clear"
expect_out "OK" dmzg-probe ask 2121 exec /bin/sh
stop_testd
