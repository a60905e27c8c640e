# seal: later loads, mode switches, clear and rmmod are refused until
# reboot; status shows it.  Runs last: the module stays.
. /tests/lib.sh
ensure_loaded
dmzguardctl load /tests/policy/testd.policy || fail load
dmzguardctl seal || fail seal
dmzguardctl status | grep -q "sealed: yes" || fail "status does not show sealed"
expect_out "sealed" dmzguardctl load /tests/policy/testd.policy
expect_out "sealed" dmzguardctl clear
expect_out "sealed" dmzguardctl mode testd complain
rmmod dmzguard 2>/dev/null && fail "rmmod succeeded on a sealed module"
grep -q '^dmzguard ' /proc/modules || fail "module gone"
echo "ok: sealed"
