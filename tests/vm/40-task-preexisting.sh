# A daemon started before insmod is confined when the policy is loaded,
# and ps lists it.
. /tests/lib.sh
ensure_unloaded
start_testd 2121
expect_out "OK" dmzg-probe ask 2121 exec /bin/sh
insmod $KO || fail insmod
dmzguardctl load /tests/policy/testd.policy || fail load
expect_out "ERR EACCES" dmzg-probe ask 2121 exec /bin/sh
dmzguardctl ps | grep -E "^ *$TESTD_PID .*testd .*/usr/sbin/testd" ||
	fail "ps does not list testd: $(dmzguardctl ps)"
echo "ok: ps lists the daemon"
dmzguardctl clear >/dev/null || fail clear
expect_out "OK" dmzg-probe ask 2121 exec /bin/sh
stop_testd
