# A confined task cannot drive the module: even with a profile that lets
# it use netlink and CAP_NET_ADMIN and run dmzguardctl, its requests are
# refused and logged, and the policy stays loaded.
. /tests/lib.sh
ensure_loaded
# The daemon binds its port under its usual profile first.
dmzguardctl load /tests/policy/testd.policy > /dev/null || fail load
start_testd 2121
cat > /tmp/admin.policy <<'P'
profile testd {
	attach /usr/sbin/testd
	exec allow /usr/sbin/dmzguardctl
	capability allow net_admin
	socket allow netlink
}
P
dmzguardctl load /tmp/admin.policy || fail "load admin"
# Only lines from here on count.
dmesg -c > /dev/null
out=$(dmzg-probe ask 2121 exec /usr/sbin/dmzguardctl clear)
dmzguardctl status | grep -q "policy: loaded" || fail "confined task cleared the policy"
dmesg_has 'denied op=netlink profile=testd'
echo "ok: confined netlink refused ($out)"
dmzguardctl clear > /dev/null
stop_testd
