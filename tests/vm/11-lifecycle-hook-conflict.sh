# Every hook or none: when another ftrace user that redirects a function
# (an IPMODIFY ops, as a livepatch would) holds one, insmod fails naming
# it, and nothing of dmzguard stays hooked.  ftrace_enabled cannot be
# switched off under it.
. /tests/lib.sh
ensure_unloaded
insmod /lib/modules/dmzg_testmod.ko block=security_socket_listen ||
	fail "test module"
dmesg -c > /dev/null
insmod $KO 2> /tmp/err && fail "insmod succeeded with a hook held elsewhere"
dmesg_has 'dmzguard: cannot hook security_socket_listen: held by another ftrace user \(livepatch, BPF trampoline, module\) \(error -16\)'
grep -q '^dmzguard ' /proc/modules && fail "module stayed loaded"
if grep -q dmzg_trampoline /sys/kernel/tracing/enabled_functions; then
	fail "hooks left behind: $(cat /sys/kernel/tracing/enabled_functions)"
fi
/bin/true || fail "exec after the failed insmod"
rmmod dmzg_testmod || fail "rmmod test module"
insmod $KO || fail "insmod once the function is free"
# FTRACE_OPS_FL_PERMANENT: enforcement cannot be switched off by sysctl.
if echo 0 > /proc/sys/kernel/ftrace_enabled 2>/dev/null; then
	fail "ftrace_enabled could be turned off under dmzguard"
fi
echo "ok: ftrace_enabled=0 refused"
rmmod dmzguard || fail rmmod
