# What dmzguard.service runs (/usr/libexec/dmzguard/dmzguard-boot): start
# makes the policy directory the whole policy and confines a daemon that
# is already running; a broken file fails loudly, naming file:line:col,
# and changes nothing; reload re-applies the directory; stop says the
# policy stays, and it does.
. /tests/lib.sh
ensure_unloaded
ensure_loaded
boot=/usr/libexec/dmzguard/dmzguard-boot
dir=/tmp/policy.d
rm -rf $dir
mkdir -p $dir
export DMZGUARD_POLICY_DIR=$dir DMZGUARD_SEAL=no
start_testd 2121
expect_out "no profile enabled in $dir: nothing is confined" $boot start
dmzguardctl status | grep -q "^policy: none loaded" || fail "an empty directory loaded a policy"
cp /tests/policy/testd.policy $dir/
$boot start > /tmp/boot.out 2>&1 || fail "start: $(cat /tmp/boot.out)"
grep -q "^apply: 1 profiles, 8 rules in force" /tmp/boot.out || fail "start: $(cat /tmp/boot.out)"
dmzguardctl ps | grep -q ' testd ' || fail "the running daemon was not confined"
expect_out "ERR EACCES" dmzg-probe ask 2121 exec /bin/sh
# A broken file: the unit fails with the diagnostics, the policy stays.
printf 'profile broken {\n\texec alow /bin/ls\n}\n' > $dir/zz-broken.policy
gen=$(dmzguardctl status --json | sed -n 's/.*"generation":\([0-9]*\).*/\1/p')
out=$($boot reload 2>&1) && fail "reload of a broken file succeeded: $out"
echo "$out" | grep -qF "$dir/zz-broken.policy:2:7: invalid action 'alow' (expected allow or deny); did you mean 'allow'?" ||
	fail "no file:line:col diagnostic: $out"
[ "$(dmzguardctl status --json | sed -n 's/.*"generation":\([0-9]*\).*/\1/p')" = "$gen" ] ||
	fail "a failed reload changed the policy"
rm $dir/zz-broken.policy
# Reload re-applies the directory as a whole.
sed 's/connect allow tcp 127.0.0.1 port 2525/connect allow tcp 127.0.0.1 port 2626/' \
	/tests/policy/testd.policy > $dir/testd.policy
$boot reload > /tmp/boot.out 2>&1 || fail "reload: $(cat /tmp/boot.out)"
expect_out "OK" dmzg-probe ask 2121 connect tcp 127.0.0.1 2626
expect_out "ERR EACCES" dmzg-probe ask 2121 connect tcp 127.0.0.1 2525
# An unknown seal setting is an error, not "no", and changes nothing.
cp /tests/policy/testd.policy $dir/testd.policy
out=$(DMZGUARD_SEAL=maybe $boot reload 2>&1) && fail "DMZGUARD_SEAL=maybe accepted: $out"
echo "$out" | grep -q "DMZGUARD_SEAL='maybe' in /etc/default/dmzguard is neither yes nor no: nothing changed" ||
	fail "seal setting: $out"
expect_out "OK" dmzg-probe ask 2121 connect tcp 127.0.0.1 2626
dmzguardctl status | grep -q "^sealed: no" || fail "sealed on an unknown setting"
# Stop never unconfines, and says so.
expect_out "the policy stays in force and confined daemons stay confined" $boot stop
dmzguardctl ps | grep -q ' testd ' || fail "stop unconfined the daemon"
expect_out "ERR EACCES" dmzg-probe ask 2121 exec /bin/sh
stop_testd
dmzguardctl clear > /dev/null
