# Policy loads are transactions: one abandoned half way leaves the old
# policy enforced, and a second loader is refused while one is open.
. /tests/lib.sh
ensure_loaded
dmzguardctl load /tests/policy/testd.policy > /dev/null || fail load
start_testd 2121

gen=$(dmzguardctl status --json | sed 's/.*"generation":\([0-9]*\).*/\1/')
dmzg-nltest abandon || fail "abandon helper"
sleep 0.5
expect_out "ERR EACCES" dmzg-probe ask 2121 exec /bin/sh
expect_out "OK" dmzg-probe exec /bin/true
gen2=$(dmzguardctl status --json | sed 's/.*"generation":\([0-9]*\).*/\1/')
[ "$gen" = "$gen2" ] || fail "generation moved: $gen -> $gen2"
dmzguardctl status | grep -q "load in progress" && fail "abandoned transaction kept"
# A second loader is refused while one is open, then succeeds.
rm -f /tmp/hold
dmzg-nltest hold 8 > /tmp/hold &
hpid=$!
wait_for holding /tmp/hold
expect_out "another policy load is in progress" dmzguardctl load /tests/policy/testd.policy
# Port ids are per network namespace: a socket with the holder's port id
# closing in another namespace is not the holder leaving.
port=$(sed -n 's/^holding port=\([0-9]*\)$/\1/p' /tmp/hold)
[ -n "$port" ] || fail "holder printed no port: $(cat /tmp/hold)"
dmzg-nltest release-elsewhere "$port" || fail "release-elsewhere $port"
sleep 0.5
dmzguardctl status | grep -q "load in progress" ||
	fail "a socket closing in another network namespace ended the transaction"
expect_out "another policy load is in progress" dmzguardctl load /tests/policy/testd.policy
wait $hpid
dmzguardctl load /tests/policy/testd.policy || fail "load after holder left"
echo "ok: transactions"
stop_testd
dmzguardctl clear > /dev/null
