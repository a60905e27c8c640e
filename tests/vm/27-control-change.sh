# Safe policy change: a load touches only the profiles it names; apply
# and remove refuse to leave a running daemon without its profile unless
# forced; a change made with --confirm comes back unless confirmed; each
# rule counts the decisions it makes.
. /tests/lib.sh
# vm-timeout: 200
ensure_loaded
dmzguardctl load /tests/policy/testd.policy > /dev/null || fail "load testd"
start_testd 2121
cat > /tmp/web.policy <<'P'
profile web {
	attach /usr/sbin/web
	exec allow /usr/bin/allowed-tool
}
P
profiles() { dmzguardctl show | sed -n 's/^profile \([^ ]*\) {$/\1/p' | tr '\n' ' '; }

# load: the file's profiles join the active policy.
out=$(dmzguardctl load /tmp/web.policy) || fail "load web: $out"
echo "$out" | grep -q "^load: 2 profiles, 9 rules in force (generation [0-9]*, [0-9]* bytes): 0 replaced, 1 added, 0 removed, 1 unchanged$" ||
	fail "load summary: $out"
[ "$(profiles)" = "web testd " ] || fail "after load web: profiles '$(profiles)'"
expect_out "OK" dmzg-probe ask 2121 connect tcp 127.0.0.1 2525

# remove: refused while testd confines the daemon, naming it.
out=$(dmzguardctl remove testd 2>&1); rc=$?
[ $rc -eq 2 ] || fail "remove of a profile in use: exit $rc ($out)"
echo "$out" | grep -q "^remove: profile 'testd' confines running tasks: $TESTD_PID (testd)" ||
	fail "remove refusal does not name the task: $out"
echo "$out" | grep -q "nothing changed (--force does it anyway)" || fail "remove refusal: $out"
[ "$(profiles)" = "web testd " ] || fail "refused remove changed the policy"
expect_out "no profile 'nosuch' in the active policy; nothing changed" dmzguardctl remove nosuch
dmzguardctl remove web > /dev/null || fail "remove web"
[ "$(profiles)" = "testd " ] || fail "after remove web: profiles '$(profiles)'"
expect_out "that leaves no profile" dmzguardctl remove --force testd
# The kernel makes the same checks at commit, for a client that did not.
gen0=$(dmzguardctl status --json | sed -n 's/.*"generation":\([0-9]*\).*/\1/p')
dmzg-nltest commit-checks || fail "a commit the kernel should refuse was not refused"
[ "$(dmzguardctl status --json | sed -n 's/.*"generation":\([0-9]*\).*/\1/p')" = "$gen0" ] ||
	fail "the refused commits changed the policy"

# Counters: the allowed connect counts on its rule, a refused one on the
# default; both survive a load that keeps testd's rules.
dmzguardctl show --counters > /tmp/c0
rule='connect allow tcp 127.0.0.1 port 2525'
dflt='connect default deny'
r0=$(rule_hits "$rule") d0=$(rule_hits "$dflt")
case "$r0:$d0" in *[!0-9:]*|:*|*:) fail "cannot read counters: $(cat /tmp/c0)" ;; esac
i=0
while [ $i -lt 5 ]; do
	dmzg-probe ask 2121 connect tcp 127.0.0.1 2525 > /dev/null
	i=$((i + 1))
done
expect_out "ERR EACCES" dmzg-probe ask 2121 connect tcp 127.0.0.3 2525
r1=$(rule_hits "$rule") d1=$(rule_hits "$dflt")
[ "$r1" -ge $((r0 + 5)) ] || fail "rule hits $r0 -> $r1 after 5 connects"
[ "$d1" -ge $((d0 + 1)) ] || fail "default hits $d0 -> $d1 after a refusal"
dmzguardctl show --counters | grep -E -q "^ +$r1  20[0-9-]+ [0-9:]+  $rule$" ||
	fail "no last-hit time: $(dmzguardctl show --counters)"
dmzguardctl show --counters --json | grep -q '"hits":'"$r1"',"last_hit":[1-9]' ||
	fail "JSON counters: $(dmzguardctl show --counters --json)"
dmzguardctl load /tmp/web.policy > /dev/null || fail "load web again"
[ "$(rule_hits "$rule")" -ge "$r1" ] || fail "a load that kept the rule reset its counter"
echo "ok: counters $r0 -> $r1 (rule), $d0 -> $d1 (default)"

# --confirm: a change that cuts the daemon off undoes itself.
cat > /tmp/cut.policy <<'P'
profile testd {
	attach /usr/sbin/testd
	connect default deny
	bind allow tcp 127.0.0.1 port 2121
}
P
dmesg -c > /dev/null
out=$(dmzguardctl load --confirm 3 /tmp/cut.policy) || fail "load --confirm: $out"
echo "$out" | grep -q "comes back in 3 s unless 'dmzguardctl confirm' is run" || fail "confirm notice: $out"
dmzguardctl status | grep -q "^awaiting confirmation: the previous policy comes back in [1-3] s" ||
	fail "status: $(dmzguardctl status)"
expect_out "ERR EACCES" dmzg-probe ask 2121 connect tcp 127.0.0.1 2525
expect_out "a policy change awaits confirmation" dmzguardctl load /tmp/web.policy
expect_out "a policy change awaits confirmation" dmzguardctl seal
sleep 4
dmesg_has 'dmzguard: policy reverted generation=[0-9]+ to=[0-9]+ unconfirmed_seconds=3 released=0'
expect_out "OK" dmzg-probe ask 2121 connect tcp 127.0.0.1 2525
[ "$(profiles)" = "web testd " ] || fail "after the revert: profiles '$(profiles)'"
dmzguardctl status | grep -q "awaiting" && fail "still awaiting after the revert"
expect_out "no policy change awaits confirmation" dmzguardctl confirm

# A daemon the change confined under a profile of its own is unconfined
# again by the revert, as it was, not left without a profile.
cp /usr/sbin/testd /usr/sbin/otherd
/usr/sbin/otherd serve 2222 &
other=$!
i=0
while ! dmzg-probe ask 2222 ping 2>/dev/null | grep -q OK; do
	i=$((i + 1))
	[ $i -lt 300 ] || fail "otherd did not start"
	sleep 0.1
done
cat > /tmp/otherd.policy <<'P'
profile otherd {
	attach /usr/sbin/otherd
	connect default deny
}
P
dmzguardctl load --confirm 2 /tmp/otherd.policy > /dev/null || fail "load --confirm otherd"
dmzguardctl ps | grep -q " otherd " || fail "otherd not confined: $(dmzguardctl ps)"
expect_out "ERR EACCES" dmzg-probe ask 2222 connect tcp 127.0.0.1 2525
sleep 3
dmesg_has 'dmzguard: policy reverted generation=[0-9]+ to=[0-9]+ unconfirmed_seconds=2 released=1'
dmzguardctl ps | grep -q " otherd " && fail "otherd still confined after the revert: $(dmzguardctl ps)"
expect_out "OK" dmzg-probe ask 2222 connect tcp 127.0.0.1 2525
kill $other; wait $other 2>/dev/null

# ... and stays when confirmed.
dmzguardctl load --confirm 3 /tmp/cut.policy > /dev/null || fail "load --confirm again"
expect_out "confirmed: the change stays" dmzguardctl confirm
sleep 4
expect_out "ERR EACCES" dmzg-probe ask 2121 connect tcp 127.0.0.1 2525
dmesg_has 'dmzguard: policy confirmed generation=[0-9]+'

# A confirmed-change window over no policy at all reverts to none.
dmzguardctl clear > /dev/null
dmzguardctl load --confirm 2 /tests/policy/testd.policy > /dev/null || fail "load --confirm over none"
dmzguardctl ps | grep -q ' testd ' || fail "the running daemon was not confined"
sleep 3
dmzguardctl status | grep -q "^policy: none loaded" || fail "did not revert to no policy"
[ -z "$(dmzguardctl ps | sed 1d)" ] || fail "still confined after reverting to none: $(dmzguardctl ps)"
dmesg_has 'dmzguard: policy reverted generation=[0-9]+ to=none unconfirmed_seconds=2'
expect_out "invalid value '0' for --confirm (expected 1 to 3600 seconds)" dmzguardctl load --confirm 0 /tmp/web.policy
stop_testd
