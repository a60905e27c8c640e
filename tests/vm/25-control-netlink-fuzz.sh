# Malformed and random netlink messages: each refused with an error, the
# module keeps working and the policy stays as it was.
. /tests/lib.sh
ensure_loaded
dmzguardctl load /tests/policy/testd.policy || fail load
gen() { dmzguardctl status --json | sed -n 's/.*"generation":\([0-9][0-9]*\).*/\1/p'; }
before=$(gen)
dmzguardctl show > /tmp/policy.before || fail "show"
[ -n "$before" ] || fail "no generation in status --json"
dmzg-nltest malformed || fail "a malformed request was not refused"
# Refused requests change nothing: same generation, same rules.
[ "$(gen)" = "$before" ] ||
	fail "the malformed requests changed the policy: generation $before -> $(gen)"
dmzguardctl show > /tmp/policy.after || fail "show after"
cmp -s /tmp/policy.before /tmp/policy.after ||
	fail "the malformed requests changed the rules: $(diff /tmp/policy.before /tmp/policy.after | head -n 5)"
echo "ok: after the malformed requests the policy is as it was (generation $before)"
dmzg-nltest fuzz 20 1234 || fail "fuzz"
dmzg-nltest fuzz 10 99 || fail "fuzz"
dmzguardctl status > /dev/null || fail "status after fuzz"
# The fuzzer may have cleared or switched modes (valid requests); reload.
dmzguardctl load /tests/policy/testd.policy || fail "load after fuzz"
start_testd 2121
expect_out "ERR EACCES" dmzg-probe ask 2121 exec /bin/sh
stop_testd
dmzguardctl clear > /dev/null
echo "ok: the module works after the fuzzer"
