# Malformed and random netlink messages: each refused with an error, the
# module keeps working and the policy stays as it was.
. /tests/lib.sh
ensure_loaded
dmzguardctl load /tests/policy/testd.policy || fail load
gen=$(dmzguardctl status --json | sed 's/.*"generation":\([0-9]*\).*/\1/')
dmzg-nltest malformed || fail "a malformed request was not refused"
dmzg-nltest fuzz 20 1234 || fail "fuzz"
dmzg-nltest fuzz 10 99 || fail "fuzz"
dmzguardctl status > /dev/null || fail "status after fuzz"
# The fuzzer may have cleared or switched modes (valid requests); reload.
dmzguardctl load /tests/policy/testd.policy || fail "load after fuzz"
start_testd 2121
expect_out "ERR EACCES" dmzg-probe ask 2121 exec /bin/sh
stop_testd
dmzguardctl clear > /dev/null
echo "ok: generation before fuzz $gen"
