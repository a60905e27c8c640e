# Every record of the log also reaches the audit log: a stand-in for
# auditd receives it as type 1316 (KERNEL_OTHER) with the dmesg line's
# fields after dmzguard=KIND; with auditing off nothing is sent, so the
# kernel never prints a record twice to dmesg.
. /tests/lib.sh
ensure_unloaded
ensure_loaded
dmzguardctl load /tests/policy/testd.policy > /dev/null || fail load
start_testd 2121
# A kernel without the audit subsystem (the debug kernel) has no socket.
if ! dmzg-auditd 0 1316 > /dev/null 2>/tmp/audit.err; then
	grep -q 'Protocol not supported' /tmp/audit.err &&
		{ echo "skip: this kernel has no audit subsystem"; exit 77; }
	fail "dmzg-auditd: $(cat /tmp/audit.err)"
fi
rm -f /tmp/audit.out
dmzg-auditd 8 1316 > /tmp/audit.out &
auditd=$!
wait_for ready /tmp/audit.out
dmesg -c > /dev/null
expect_out "ERR EACCES" dmzg-probe ask 2121 exec /bin/sh
dmzguardctl mode testd complain > /dev/null || fail "mode complain"
expect_out "OK" dmzg-probe ask 2121 connect tcp 127.0.0.1 2626
dmzguardctl mode testd enforce > /dev/null || fail "mode enforce"
wait $auditd
cat /tmp/audit.out
grep -q '^type=1316 audit([0-9.:]*): dmzguard=denied op=exec profile=testd pid=[0-9]* comm=testd exe=/usr/sbin/testd target=/bin/[a-z]* uid=0$' /tmp/audit.out ||
	fail "no audit record of the denied exec"
grep -q '^type=1316 audit([0-9.:]*): dmzguard=complain op=connect profile=testd .* proto=tcp dst=127.0.0.1:2626 uid=0$' /tmp/audit.out ||
	fail "no audit record of the complaint"
grep -q '^type=1316 audit([0-9.:]*): dmzguard=policy op=mode profile=testd mode=complain$' /tmp/audit.out ||
	fail "no audit record of the mode change"
# The same fields as the dmesg line, in the same order.
line=$(dmesg | sed -n 's/.*dmzguard: denied \(op=exec profile=testd .* target=\/bin\/[a-z]* uid=0\)$/\1/p' | head -n 1)
[ -n "$line" ] || fail "no dmesg line of the denied exec"
grep -qF "dmzguard=denied $line" /tmp/audit.out || fail "audit record differs from the dmesg line '$line'"
echo "ok: audit records match the dmesg lines"
# Auditing off again: the denial is in dmesg once, as dmzguard's line.
dmesg -c > /dev/null
expect_out "ERR EACCES" dmzg-probe ask 2121 connect tcp 127.0.0.1 2627
sleep 1
dmesg_has 'dmzguard: denied op=connect profile=testd .* dst=127.0.0.1:2627'
dmesg_lacks 'type=1316'
stop_testd
