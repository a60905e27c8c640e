# Seeing a change before it bites: diff against the kernel's policy,
# replay of the decisions the kernel logged (dmesg and watch --json)
# under a candidate, and learn from those logs merged into the policy
# file, which then loads and lets the same workload through.
. /tests/lib.sh
# vm-timeout: 200
ensure_unloaded
ensure_loaded
cp /tests/policy/testd.policy /tmp/testd.policy
dmzguardctl load /tmp/testd.policy > /dev/null || fail "load testd"
start_testd 2121
ask() { dmzg-probe ask 2121 "$@"; }
T=$(printf '\t')

# diff: what a load of a narrower testd would change, nothing changed yet.
sed -e '/connect allow tcp 127.0.0.1 port 2525/d' -e 's/^\tmode enforce$/\tmode complain/' \
	/tmp/testd.policy > /tmp/narrow.policy
dmzguardctl diff /tmp/narrow.policy > /tmp/diff.out || fail "diff: $(cat /tmp/diff.out)"
grep -qx 'profile testd: changed' /tmp/diff.out || fail "diff: $(cat /tmp/diff.out)"
grep -qx '~ mode enforce -> complain' /tmp/diff.out || fail "diff mode: $(cat /tmp/diff.out)"
grep -qx -- '- connect allow tcp 127.0.0.1 port 2525' /tmp/diff.out || fail "diff rule: $(cat /tmp/diff.out)"
grep -qx '0 profiles added, 0 removed, 1 changed; 0 rules added, 1 removed' /tmp/diff.out ||
	fail "diff summary: $(cat /tmp/diff.out)"
dmzguardctl diff --json /tmp/narrow.policy | grep -q '"state":"changed"' || fail "diff --json"
dmzguardctl diff /tmp/testd.policy | grep -qx '0 profiles added, 0 removed, 0 changed; 0 rules added, 0 removed' ||
	fail "diff of the loaded policy shows changes"
dmzguardctl show | grep -q 'connect allow tcp 127.0.0.1 port 2525' || fail "diff changed the policy"

# A workload with refusals, logged to dmesg and to watch --json.
dmesg -c > /dev/null
dmzguardctl watch --json --count 3 > /tmp/events.json 2>/dev/null &
watcher=$!
sleep 1
expect_out "ERR EACCES" ask connect tcp 127.0.0.1 2626
expect_out "ERR EACCES" ask exec /bin/sh
expect_out "ERR EACCES" ask bind tcp 127.0.0.1 3000
wait $watcher
dmesg > /tmp/kern.log
[ "$(grep -c '"kind":"denied"' /tmp/events.json)" = 3 ] || fail "watch --json: $(cat /tmp/events.json)"

# replay: the loaded policy decides them all as they were (exit 0) ...
dmzguardctl replay --policy /tmp/testd.policy /tmp/kern.log > /tmp/r0.out; rc=$?
[ $rc -eq 0 ] || fail "replay under the same policy: exit $rc: $(cat /tmp/r0.out)"
grep -q '^3 records read, 3 decided by rules, 0 would flip' /tmp/r0.out || fail "replay: $(cat /tmp/r0.out)"
# ... and a wider one would let the connect and the bind through (exit 6).
sed -e 's/^\tconnect default deny$/\tconnect allow tcp 127.0.0.1 port 2626\n&/' \
	-e 's/^\tbind default deny$/\tbind allow tcp 127.0.0.1 port 3000\n&/' \
	/tmp/testd.policy > /tmp/wider.policy
for src in /tmp/kern.log /tmp/events.json; do
	dmzguardctl replay --policy /tmp/wider.policy "$src" > /tmp/r1.out; rc=$?
	[ $rc -eq 6 ] || fail "replay of $src under a wider policy: exit $rc: $(cat /tmp/r1.out)"
	grep -q '^would allow: op=connect profile=testd .*dst=127.0.0.1:2626' /tmp/r1.out ||
		fail "replay of $src: $(cat /tmp/r1.out)"
	grep -q '^would allow: op=bind profile=testd .*addr=127.0.0.1:3000' /tmp/r1.out ||
		fail "replay of $src: $(cat /tmp/r1.out)"
	grep -q 'op=exec' /tmp/r1.out && fail "replay of $src flips the shell: $(cat /tmp/r1.out)"
	grep -q '^3 records read, 3 decided by rules, 2 would flip (2 to allow, 0 to deny)' /tmp/r1.out ||
		fail "replay summary of $src: $(cat /tmp/r1.out)"
done
echo "ok: replay of dmesg and watch --json"

# learn: complain mode, the workload, the log merged into the file.
dmzguardctl mode testd complain --file /tmp/testd.policy > /dev/null || fail "mode --file"
grep -q "^${T}mode complain\$" /tmp/testd.policy || fail "mode not written: $(cat /tmp/testd.policy)"
dmesg -c > /dev/null
expect_out "OK" ask connect tcp 127.0.0.1 2727
expect_out "OK" ask bind tcp 127.0.0.1 3001
dmesg > /tmp/complain.log
dmzguardctl learn --from /tmp/complain.log --merge /tmp/testd.policy --write > /tmp/learn.out 2>&1 ||
	fail "learn --merge: $(cat /tmp/learn.out)"
grep -q "^+${T}connect allow tcp 127.0.0.1 port 2727\$" /tmp/learn.out || fail "learn diff: $(cat /tmp/learn.out)"
grep -q "^+${T}bind allow tcp 127.0.0.1 port 3001\$" /tmp/learn.out || fail "learn diff: $(cat /tmp/learn.out)"
dmzguardctl mode testd enforce --file /tmp/testd.policy > /dev/null || fail "mode enforce --file"
dmzguardctl load /tmp/testd.policy > /dev/null || fail "load the learned policy"
dmesg -c > /dev/null
expect_out "OK" ask connect tcp 127.0.0.1 2727
expect_out "OK" ask bind tcp 127.0.0.1 3001
expect_out "ERR EACCES" ask connect tcp 127.0.0.1 2828
dmesg_lacks 'op=(connect|bind) profile=testd .*(2727|3001)'
stop_testd
