# Netlink sockets by protocol: "socket allow netlink-route" lets a daemon
# read interfaces and addresses over a route socket, and nothing else of
# netlink (the audit protocol above all); "socket allow netlink" is every
# protocol, and "socket deny netlink-route" takes the route protocol out
# of it.  A refusal comes before the kernel looks for the protocol, so
# the audit one stands for the others there; what is let through is
# shown with generic netlink, which every kernel has (a kernel without
# CONFIG_AUDIT has no audit protocol: EPROTONOSUPPORT).
. /tests/lib.sh
ensure_loaded
dmzguardctl clear > /dev/null
with_rules() {
	sed "s/^}\$/$1\n}/" /tests/policy/testd.policy > /tmp/nl.policy
	dmzguardctl load /tmp/nl.policy || fail "load: $1"
	dmesg -c > /dev/null
}
start_testd 2121
denials() { dmzguardctl status --json | sed 's/.*"denials":\([0-9]*\).*/\1/'; }
# refused KIND: EACCES and one more denial (a repeat of a record within
# the log's window is counted, not printed again).
refused() {
	before=$(denials)
	expect_out "ERR EACCES" dmzg-probe ask 2121 socket "$1"
	[ "$(denials)" -eq $((before + 1)) ] ||
		fail "socket $1: denials $before -> $(denials), expected one more"
}

# No rule: both refused, each recorded with its class.
with_rules ""
refused netlink
dmesg_has 'dmzguard: denied op=socket profile=testd .* class=netlink-route'
refused netlink-audit
dmesg_has 'dmzguard: denied op=socket profile=testd .* class=netlink '

# The route protocol only.
with_rules "\tsocket allow netlink-route"
expect_out "OK" dmzg-probe ask 2121 socket netlink
refused netlink-audit
dmesg_lacks 'class=netlink-route'

# Every protocol.
with_rules "\tsocket allow netlink"
expect_out "OK" dmzg-probe ask 2121 socket netlink
expect_out "OK" dmzg-probe ask 2121 socket netlink-generic
dmesg_lacks 'op=socket profile=testd'

# Every protocol but the route one.
with_rules "\tsocket allow netlink\n\tsocket deny netlink-route"
refused netlink
expect_out "OK" dmzg-probe ask 2121 socket netlink-generic

# Learn names the class it saw.
with_rules ""
sed -i 's/mode enforce/mode complain/' /tmp/nl.policy
dmzguardctl load /tmp/nl.policy || fail "load complain"
dmesg -c > /dev/null
expect_out "OK" dmzg-probe ask 2121 socket netlink
dmesg_has 'dmzguard: complain op=socket profile=testd .* class=netlink-route'
dmesg > /tmp/nl.log
expect_out "socket allow netlink-route" dmzguardctl learn --from /tmp/nl.log
stop_testd
dmzguardctl clear > /dev/null
echo "ok: netlink sockets decided by protocol"
