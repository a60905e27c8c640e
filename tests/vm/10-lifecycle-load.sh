# insmod and rmmod succeed, dmesg shows the load line, no taint beyond
# out-of-tree/unsigned, and every exec after insmod still works.
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
grep -A1 '^security_bprm_check ' /sys/kernel/tracing/enabled_functions |
	grep -q 'direct-->dmzg_trampoline+' ||
	fail "security_bprm_check is not hooked: $(grep security_bprm_check /sys/kernel/tracing/enabled_functions)"
rmmod dmzguard || fail "rmmod failed"
dmesg_has 'dmzguard: unloaded'
/bin/true || fail "exec after rmmod failed"
grep -q '^dmzguard ' /proc/modules && fail "module still listed"
echo "ok"
