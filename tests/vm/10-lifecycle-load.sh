# insmod and rmmod succeed, dmesg shows the load line, no taint beyond
# out-of-tree/unsigned, every exec after insmod still works, and the
# security functions are hooked only while a policy is loaded.
. /tests/lib.sh
ensure_unloaded
dmesg -c > /dev/null
insmod $KO || fail "insmod failed"
dmesg_has 'dmzguard: loaded version [0-9.]+, no policy'
# Any exec after insmod runs through the hooked security_bprm_check.
/bin/true || fail "exec after insmod failed"
ls / > /dev/null || fail "ls after insmod failed"
t=$(cat /proc/sys/kernel/tainted)
# Allowed: 4096 (O, out-of-tree) and 8192 (E, unsigned).
rest=$((t & ~(4096 | 8192)))
[ "$rest" -eq 0 ] || fail "kernel tainted $t beyond out-of-tree/unsigned"
echo "ok: tainted=$t"
# hooked_bprm : whether security_bprm_check calls the trampoline now.
hooked_bprm() {
	grep -A1 '^security_bprm_check ' /sys/kernel/tracing/enabled_functions |
		grep -q 'direct-->dmzg_trampoline+'
}
# With no policy nothing is hooked; the first policy hooks every
# function (and proves it again), clearing it unhooks them.
dmesg_has 'dmzguard: loaded version [0-9.]+, no policy; 26 hooks, each seen to fire \([0-9]+ called directly\), unhooked until a policy is loaded'
if grep -q dmzg_trampoline /sys/kernel/tracing/enabled_functions; then
	fail "hooked with no policy: $(cat /sys/kernel/tracing/enabled_functions)"
fi
echo "ok: nothing hooked with no policy"
dmesg -c > /dev/null
dmzguardctl load /tests/policy/testd.policy > /dev/null || fail "load testd.policy"
hooked_bprm || fail "security_bprm_check is not hooked under a policy: $(grep security_bprm_check /sys/kernel/tracing/enabled_functions)"
dmesg_has 'dmzguard: hooked: 26 functions, each seen to fire \([0-9]+ called directly\)'
# A replace keeps the hooks: no second proof.
dmzguardctl load /tests/policy/testd.policy > /dev/null || fail "replace testd.policy"
[ "$(dmesg | grep -c 'dmzguard: hooked:')" -eq 1 ] ||
	fail "a replace hooked again: $(dmesg | grep 'dmzguard: hooked:')"
dmzguardctl clear > /dev/null || fail "clear"
dmesg_has 'dmzguard: unhooked: no policy loaded'
hooked_bprm && fail "still hooked after clear"
/bin/true || fail "exec after clear failed"
echo "ok: hooked only while a policy is loaded"
rmmod dmzguard || fail "rmmod failed"
dmesg_has 'dmzguard: unloaded'
/bin/true || fail "exec after rmmod failed"
grep -q '^dmzguard ' /proc/modules && fail "module still listed"
echo "ok"
