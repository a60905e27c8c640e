# A confined task's last allowed inet destination is remembered, so that
# datagram after datagram to one peer is not matched again; the memo
# answers only for that same destination (address, port, protocol), in
# the same policy generation.  Each remembered send still counts on its
# rule.  (testd runs every action itself: one task, one memo.)  A memo
# also stands for the task's profile (a socket of a class it allows), and
# only under the label it was made in: after an exec into another
# profile, neither a remembered peer nor a class outlives it.
. /tests/lib.sh
ensure_loaded
cat > /tmp/netmemo.policy <<'P'
profile testd {
	attach /usr/sbin/testd
	connect allow udp 127.0.0.1 port 5300
	bind allow tcp 127.0.0.1 port 2121
	exec allow /usr/bin/memo-tool -> tool
}
profile tool {
	connect allow udp 127.0.0.1 port 5301
	socket deny inet6
}
P
cp /usr/bin/dmzg-probe /usr/bin/memo-tool
dmzguardctl load /tmp/netmemo.policy || fail load
start_testd 2121
rule='connect allow udp 127.0.0.1 port 5300'
h0=$(rule_hits "$rule")
case "$h0" in ''|*[!0-9]*) fail "cannot read the rule's counter: '$h0'" ;; esac
ask() { expect_out "$1" dmzg-probe ask 2121 "$2" "$3" "$4" "$5"; }
ask OK sendto udp 127.0.0.1 5300
ask OK sendto udp 127.0.0.1 5300
ask "ERR EACCES" sendto udp 127.0.0.1 5301
ask OK sendto udp 127.0.0.1 5300
ask "ERR EACCES" sendto udp 127.0.0.2 5300
ask OK sendto udp 127.0.0.1 5300
# The same address and port over TCP: another destination.
ask "ERR EACCES" connect tcp 127.0.0.1 5300
ask OK sendto udp 127.0.0.1 5300
ask "ERR EACCES" sendto udp ::1 5300
h1=$(rule_hits "$rule")
[ "$h1" -eq $((h0 + 5)) ] || fail "rule hits $h0 -> $h1 after 5 sends (want +5)"
# A child of testd sends to 5300, then executes memo-tool (profile tool)
# in the same task: the program may send to 5301, not to 5300, and may
# not create an IPv6 socket, which testd may.  "RAN status=1": the
# program ran and its action was refused; 124 would be the send before.
dmesg -c > /dev/null
after_exec() {
	want=$1
	shift
	expect_out "$want" dmzg-probe ask 2121 exec-after-action \
		sendto udp 127.0.0.1 5300 -- /usr/bin/memo-tool memo-tool "$@"
}
after_exec OK sendto udp 127.0.0.1 5301
after_exec "RAN status=1" sendto udp 127.0.0.1 5300
dmesg_has 'denied op=sendmsg profile=tool .*exe=/usr/bin/memo-tool .*dst=127.0.0.1:5300'
expect_out OK dmzg-probe ask 2121 socket tcp6
after_exec "RAN status=1" socket tcp6
dmesg_has 'denied op=socket profile=tool .*exe=/usr/bin/memo-tool .*class=inet6'
# A policy without the rule: the next send is refused.
ask OK sendto udp 127.0.0.1 5300
sed -i '/port 5300/d' /tmp/netmemo.policy
dmzguardctl load /tmp/netmemo.policy > /dev/null || fail "load without the rule"
dmesg -c > /dev/null
ask "ERR EACCES" sendto udp 127.0.0.1 5300
dmesg_has 'denied op=sendmsg profile=testd .*dst=127.0.0.1:5300'
stop_testd
dmzguardctl clear > /dev/null
