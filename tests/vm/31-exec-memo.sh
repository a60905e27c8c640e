# An allowed exec is remembered for the next exec of the same file by a
# task of the same label, but only while the file's name cannot have
# changed: after a rename or a policy change the next exec is decided on
# the name again.  Each remembered exec still counts on its rule.
. /tests/lib.sh
ensure_loaded
cat > /tmp/memo.policy <<'P'
profile testd {
	attach /usr/sbin/testd
	exec allow /usr/bin/memo-tool
	connect allow tcp 127.0.0.1 port 2525
	bind allow tcp 127.0.0.1 port 2121
}
P
cp /usr/bin/dmzg-probe /usr/bin/memo-tool
dmzguardctl load /tmp/memo.policy || fail load
start_testd 2121
dmesg -c > /dev/null
rule='exec allow /usr/bin/memo-tool'
h0=$(rule_hits "$rule")
case "$h0" in ''|*[!0-9]*) fail "cannot read the rule's counter: '$h0'" ;; esac
# The same file, three times: the last two are remembered.
for i in 1 2 3; do
	expect_out "OK" dmzg-probe ask 2121 exec /usr/bin/memo-tool connect tcp 127.0.0.1 2525
done
h1=$(rule_hits "$rule")
[ "$h1" -eq $((h0 + 3)) ] || fail "rule hits $h0 -> $h1 after 3 execs (want +3)"
# Renamed to a name no rule allows: the same file is refused by its name.
mv /usr/bin/memo-tool /usr/bin/renamed-tool
expect_out "ERR EACCES" dmzg-probe ask 2121 exec /usr/bin/renamed-tool ping
dmesg_has 'denied op=exec profile=testd .*target=/usr/bin/renamed-tool'
mv /usr/bin/renamed-tool /usr/bin/memo-tool
expect_out "OK" dmzg-probe ask 2121 exec /usr/bin/memo-tool ping
expect_out "OK" dmzg-probe ask 2121 exec /usr/bin/memo-tool ping
# A policy that no longer allows it: refused at once.
sed -i '/memo-tool/d' /tmp/memo.policy
dmzguardctl load /tmp/memo.policy > /dev/null || fail "load without the rule"
dmesg -c > /dev/null
expect_out "ERR EACCES" dmzg-probe ask 2121 exec /usr/bin/memo-tool ping
dmesg_has 'denied op=exec profile=testd .*target=/usr/bin/memo-tool'
stop_testd
dmzguardctl clear > /dev/null
rm -f /usr/bin/memo-tool
