# A capability the profile names in "capability deny" is refused without
# a record: sd_notify() asks for net_admin (SO_SNDBUFFORCE) on every
# notification of a Type=notify daemon, and a profile says with a deny
# rule that refusing it is expected.  One refused by default is refused
# and recorded.
. /tests/lib.sh
ensure_loaded
dmzguardctl clear > /dev/null
dmzguardctl load /tests/policy/testd.policy || fail load
start_testd 2121
denials() { dmzguardctl status --json | sed 's/.*"denials":\([0-9]*\).*/\1/'; }

# Refused by default: EPERM, a record, the denial counted.
dmesg -c > /dev/null
before=$(denials)
expect_out "ERR EPERM" dmzg-probe ask 2121 sockopt sndbufforce
dmesg_has 'dmzguard: denied op=capability profile=testd .* cap=net_admin uid=0'
[ "$(denials)" -eq $((before + 1)) ] || fail "denials $before -> $(denials), expected one more"

# Named in a deny rule: EPERM, no record, not counted as a denial.
sed 's/^}$/\tcapability deny net_admin\n}/' /tests/policy/testd.policy > /tmp/quiet.policy
dmzguardctl load /tmp/quiet.policy || fail "load quiet"
dmesg -c > /dev/null
before=$(denials)
expect_out "ERR EPERM" dmzg-probe ask 2121 sockopt sndbufforce
dmesg_lacks 'op=capability profile=testd'
[ "$(denials)" -eq "$before" ] || fail "denials $before -> $(denials), expected no change"
# Other refusals of the same profile are still recorded.
expect_out "ERR EPERM" dmzg-probe ask 2121 finit-module /lib/modules/dmzguard.ko
dmesg_has 'dmzguard: denied op=capability profile=testd .* cap=sys_module'

# Complain mode grants it, and records it: learn must see what it grants.
sed 's/^}$/\tcapability deny net_admin\n}/; s/mode enforce/mode complain/' \
	/tests/policy/testd.policy > /tmp/quiet-complain.policy
dmzguardctl load /tmp/quiet-complain.policy || fail "load complain"
dmesg -c > /dev/null
expect_out "OK" dmzg-probe ask 2121 sockopt sndbufforce
dmesg_has 'dmzguard: complain op=capability profile=testd .* cap=net_admin uid=0'

# An unconfined root task keeps its net_admin.
expect_out "OK" dmzg-probe sockopt sndbufforce
stop_testd
dmzguardctl clear > /dev/null
