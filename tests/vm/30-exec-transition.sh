# exec allow PATH -> PROFILE switches profiles at exec, in secure mode and
# never for a traced task or under no_new_privs; a confined task whose
# profile disappears in a policy replace is denied (fail closed).
. /tests/lib.sh
ensure_loaded
cat > /tmp/trans.policy <<'P'
profile testd {
	attach /usr/sbin/testd
	exec allow /usr/bin/allowed-tool -> tool
	exec allow /usr/bin/broken-tool -> tool
	exec allow /usr/bin/plain-tool
	connect allow tcp 127.0.0.1 port 2525
	bind allow tcp 127.0.0.1 port 2121
}
profile tool {
	connect allow tcp 127.0.0.1 port 2626
}
P
dmzguardctl load /tmp/trans.policy || fail load
start_testd 2121
# Only lines from here on count.
dmesg -c > /dev/null
# The daemon itself: 2525 yes, 2626 no.
expect_out "OK" dmzg-probe ask 2121 connect tcp 127.0.0.1 2525
expect_out "ERR EACCES" dmzg-probe ask 2121 connect tcp 127.0.0.1 2626
# The program it runs is in profile "tool": 2626 yes, 2525 no, no exec.
expect_out "OK" dmzg-probe ask 2121 exec /usr/bin/allowed-tool connect tcp 127.0.0.1 2626
expect_out "RAN" dmzg-probe ask 2121 exec /usr/bin/allowed-tool connect tcp 127.0.0.1 2525
dmesg_has 'denied op=connect profile=tool .*exe=/usr/bin/allowed-tool .*dst=127.0.0.1:2525'
expect_out "RAN" dmzg-probe ask 2121 exec /usr/bin/allowed-tool exec /usr/bin/allowed-tool ping
# An exec allowed into "tool" that then fails (no binary format knows the
# file: ENOEXEC after the check) leaves nothing behind: the next exec of
# the same task, of a program allowed without a change, stays in testd.
cp /usr/bin/dmzg-probe /usr/bin/plain-tool
printf 'not a program\n' > /usr/bin/broken-tool
chmod 755 /usr/bin/broken-tool
expect_out "ERR ENOEXEC" dmzg-probe ask 2121 exec /usr/bin/broken-tool
expect_out "OK" dmzg-probe ask 2121 exec-after-failed /usr/bin/broken-tool \
	/usr/bin/plain-tool plain-tool connect tcp 127.0.0.1 2525
expect_out "RAN" dmzg-probe ask 2121 exec-after-failed /usr/bin/broken-tool \
	/usr/bin/plain-tool plain-tool connect tcp 127.0.0.1 2626
# A profile change runs the new program in secure mode, as a setuid exec
# would be (AT_SECURE: the loader drops LD_PRELOAD and LD_LIBRARY_PATH);
# the same program unconfined is not.
expect_out "OK" dmzg-probe ask 2121 exec /usr/bin/allowed-tool secure
expect_out "NOT-SECURE" dmzg-probe secure
# No profile change for a traced task, nor under no_new_privs.
expect_out "ERR EACCES" dmzg-probe ask 2121 traced-exec /usr/bin/allowed-tool ping
dmesg_has 'denied op=exec profile=testd .* reason=traced target=/usr/bin/allowed-tool'
expect_out "ERR EACCES" dmzg-probe ask 2121 nnp-exec /usr/bin/allowed-tool ping
dmesg_has 'denied op=exec profile=testd .* reason=no-new-privs target=/usr/bin/allowed-tool'
# Replace the policy with one that no longer has "testd": fail closed.
cat > /tmp/other.policy <<'P'
profile other {
	attach /usr/sbin/other
}
P
# A load replaces only the profiles it names: "testd" stays.
dmzguardctl load /tmp/other.policy > /dev/null || fail "load other"
dmzguardctl show | grep -q '^profile testd ' || fail "load dropped testd"
# Making "other" the whole policy would leave testd's task without its
# profile: refused, naming the task, unless forced.
out=$(dmzguardctl apply /tmp/other.policy 2>&1) && fail "apply dropped a profile in use: $out"
echo "$out" | grep -q "apply: profile 'testd' confines running tasks: [0-9]* (testd)" ||
	fail "refusal does not name the task: $out"
dmzguardctl show | grep -q '^profile testd ' || fail "refused apply changed the policy"
dmzguardctl apply --force /tmp/other.policy || fail "apply --force other"
dmzguardctl show | grep -q '^profile testd ' && fail "apply --force kept testd"
dmesg -c > /dev/null
expect_out "ERR EACCES" dmzg-probe ask 2121 connect tcp 127.0.0.1 2525
# Without a profile not even the socket is created: that is the denial.
dmesg_has 'denied op=socket profile=testd .* reason=no-policy class=inet '
dmzguardctl ps | grep -q ' testd ' || fail "testd no longer listed as confined"
dmzguardctl clear > /dev/null
expect_out "OK" dmzg-probe ask 2121 connect tcp 127.0.0.1 2525
stop_testd
