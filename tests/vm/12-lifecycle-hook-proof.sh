# Proof at load: dmzguard finishes loading only after it has seen every
# hook fire.  Without its hook probe it refuses; with a probe that makes
# no hooked call but its own exec (busybox true), the socket, link,
# rename and fd-passing hooks never fire: insmod fails naming each one,
# and nothing stays hooked.  The real probe proves all seventeen, at
# insmod and again when a policy hooks them.
. /tests/lib.sh
ensure_unloaded

not_hooked() {
	grep -q '^dmzguard ' /proc/modules && fail "module stayed loaded"
	if grep -q dmzg_trampoline /sys/kernel/tracing/enabled_functions; then
		fail "hooks left behind: $(cat /sys/kernel/tracing/enabled_functions)"
	fi
	/bin/true || fail "exec after the refused insmod"
	echo "ok: nothing left hooked"
}

dmesg -c > /dev/null
insmod $KO hookprobe=/nonexistent 2> /tmp/err &&
	fail "insmod succeeded without its hook probe"
dmesg_has 'dmzguard: cannot prove the hooks: cannot run /nonexistent \(error -2\); install it or load with hookprobe=PATH'
not_hooked

dmesg -c > /dev/null
insmod $KO hookprobe=/bin/true 2> /tmp/err &&
	fail "insmod succeeded with hooks that never fired"
grep -q 'Operation not supported' /tmp/err ||
	fail "insmod said: $(cat /tmp/err)"
echo "ok: insmod refused: $(cat /tmp/err)"
for h in socket_bind socket_listen socket_connect unix_stream_connect \
	unix_may_send file_receive path_link \
	path_rename; do
	dmesg_has "dmzguard: hook security_$h did not fire when /bin/true called it \(site security_$h\+0x[0-9a-f]+/0x[0-9a-f]+ calls the trampoline\): refusing to load"
done
# Its own exec did fire those: they are not named.
dmesg_lacks 'hook security_bprm_check did not fire'
not_hooked

dmesg -c > /dev/null
insmod $KO || fail "insmod with the installed hook probe"
dmesg_has 'dmzguard: loaded version [0-9.]+, no policy; 26 hooks, each seen to fire \(26 called directly\), unhooked until a policy is loaded'
grep -q dmzg_trampoline /sys/kernel/tracing/enabled_functions &&
	fail "hooked with no policy loaded"

# The first policy proves the hooks again: without the probe it is
# refused, nothing is hooked and no policy is active.
probe=/usr/libexec/dmzguard/hookprobe
mv $probe $probe.away
dmesg -c > /dev/null
dmzguardctl load /tests/policy/testd.policy > /tmp/out 2>&1 && {
	mv $probe.away $probe
	fail "a policy went live with unproven hooks"
}
mv $probe.away $probe
grep -q 'cannot hook the security functions now; the kernel log says which and why' /tmp/out ||
	fail "load said: $(cat /tmp/out)"
echo "ok: load refused: $(head -n 1 /tmp/out)"
dmesg_has "dmzguard: cannot prove the hooks: cannot run $probe \(error -2\)"
grep -q dmzg_trampoline /sys/kernel/tracing/enabled_functions &&
	fail "hooks left behind by the refused load"
dmzguardctl status > /tmp/out 2>&1 || fail "status: $(cat /tmp/out)"
grep -q 'policy: none loaded' /tmp/out || fail "the refused policy is active: $(cat /tmp/out)"
echo "ok: no policy, nothing hooked"

dmesg -c > /dev/null
dmzguardctl load /tests/policy/testd.policy > /dev/null ||
	fail "load with the probe back"
dmesg_has 'dmzguard: hooked: 26 functions, each seen to fire \(26 called directly\)'
grep -c dmzg_trampoline /sys/kernel/tracing/enabled_functions > /tmp/n
[ "$(cat /tmp/n)" -eq 26 ] ||
	fail "$(cat /tmp/n) direct calls in enabled_functions, want 26"
echo "ok: 26 direct calls in enabled_functions"
dmzguardctl clear > /dev/null || fail clear
rmmod dmzguard || fail rmmod
