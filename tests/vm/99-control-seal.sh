# seal: later loads, mode switches, clear and rmmod, forced or not, are
# refused until reboot; status shows it.  Runs last: the module stays.
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
# Forced unloading ignores the module's reference count: refused too.
dmesg -c > /dev/null
out=$(rmmod -f dmzguard 2>&1) && fail "rmmod -f succeeded on a sealed module"
grep -q '^dmzguard ' /proc/modules || fail "module gone after rmmod -f"
echo "$out" | grep -q "Operation not permitted" ||
	fail "rmmod -f: '$out', want Operation not permitted"
dmesg_has 'dmzguard: refused to unload a module for pid=[0-9]+ comm=rmmod: sealed until reboot'
echo "ok: sealed"
