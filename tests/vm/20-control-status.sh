# dmzguardctl status: plain messages without the module and for non-root,
# version and "no policy" with the module.
. /tests/lib.sh
ensure_unloaded
out=$(dmzguardctl status 2>&1); rc=$?
[ $rc -eq 3 ] || fail "status without module: exit $rc, want 3 ($out)"
case "$out" in *"module not loaded"*modprobe*) ;; *) fail "status without module said: $out" ;; esac
echo "ok: without module: $out"
ensure_loaded
out=$(dmzguardctl status 2>&1) || fail "status failed: $out"
echo "$out"
case "$out" in *"dmzguard 0."*) ;; *) fail "no version in: $out" ;; esac
case "$out" in *"none loaded"*) ;; *) fail "no 'none loaded' in: $out" ;; esac
# No argument prints the status too.
dmzguardctl | grep -q "none loaded" || fail "no-argument status"
out=$(dmzg-probe runas 65534 /usr/sbin/dmzguardctl status 2>&1); rc=$?
[ $rc -eq 4 ] || fail "non-root status: exit $rc, want 4 ($out)"
case "$out" in *CAP_NET_ADMIN*) ;; *) fail "non-root status said: $out" ;; esac
echo "ok: non-root: $out"
out=$(dmzg-probe runas 65534 /usr/sbin/dmzguardctl load /tests/policy/testd.policy 2>&1); rc=$?
[ $rc -eq 4 ] || fail "non-root load: exit $rc, want 4 ($out)"
dmzguardctl status | grep -q "none loaded" || fail "a non-root load changed the policy"
out=$(dmzg-probe runas 65534 /usr/sbin/dmzguardctl clear 2>&1); rc=$?
[ $rc -eq 4 ] || fail "non-root clear: exit $rc, want 4 ($out)"
echo "ok: non-root load and clear refused"
