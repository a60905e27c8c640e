# A BPF fentry program and dmzguard both need a hooked function's one
# direct-call slot.  A program attached first makes insmod fail naming
# the function, with nothing left hooked.  With no policy nothing is
# hooked: a program may attach, and a policy load then fails naming the
# function.  Under a policy a tracer's attach fails with EBUSY and
# dmzguard's hook stays in place.
. /tests/lib.sh
ensure_unloaded
[ -e /sys/kernel/btf/vmlinux ] || missing bpf "the kernel has no BTF"

# bpf_hold FUNCTION WHEN : attach an empty fentry program to FUNCTION
# in the background until /tmp/bpf-stop exists; the attach must succeed.
bpf_hold() {
	rm -f /tmp/bpf-stop /tmp/bpf.out
	dmzg-bpf-fentry "$1" /tmp/bpf-stop > /tmp/bpf.out 2>&1 &
	i=0
	while ! grep -q . /tmp/bpf.out && [ $i -lt 100 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	grep -q '^OK' /tmp/bpf.out ||
		fail "fentry attach $2: $(cat /tmp/bpf.out)"
	echo "ok: a BPF fentry program holds $1 ($2)"
}

bpf_hold security_socket_listen "before insmod"
dmesg -c > /dev/null
insmod $KO 2> /tmp/err &&
	fail "insmod succeeded while a BPF program holds security_socket_listen"
dmesg_has 'dmzguard: cannot hook security_socket_listen: held by another ftrace user \(livepatch, BPF trampoline, module\) \(error -16\)'
grep -q '^dmzguard ' /proc/modules && fail "module stayed loaded"
if grep -q dmzg_trampoline /sys/kernel/tracing/enabled_functions; then
	fail "hooks left behind: $(cat /sys/kernel/tracing/enabled_functions)"
fi
touch /tmp/bpf-stop
wait

insmod $KO || fail "insmod once the BPF program is gone"
# With no policy nothing is hooked, so a tracer may attach; a policy
# load then fails naming the function, and loads once it is gone.
bpf_hold security_socket_connect "with no policy loaded"
dmesg -c > /dev/null
dmzguardctl load /tests/policy/testd.policy > /tmp/out 2>&1 && {
	touch /tmp/bpf-stop
	fail "a policy went live while a BPF program holds security_socket_connect"
}
grep -q 'cannot hook the security functions now' /tmp/out ||
	fail "load said: $(cat /tmp/out)"
dmesg_has 'dmzguard: cannot hook security_socket_connect: held by another ftrace user \(livepatch, BPF trampoline, module\) \(error -16\)'
grep -q dmzg_trampoline /sys/kernel/tracing/enabled_functions &&
	fail "hooks left behind by the refused load"
echo "ok: the load was refused and nothing is hooked"
touch /tmp/bpf-stop
wait
dmzguardctl load /tests/policy/testd.policy > /dev/null ||
	fail "load once the BPF program is gone"

out=$(dmzg-bpf-fentry security_socket_connect)
[ "$out" = "ERR EBUSY (attach)" ] ||
	fail "fentry attach under dmzguard said '$out', want 'ERR EBUSY (attach)'"
echo "ok: a BPF fentry attach under dmzguard: $out"
grep -A1 '^security_socket_connect ' /sys/kernel/tracing/enabled_functions |
	grep -q 'direct-->dmzg_trampoline+' ||
	fail "security_socket_connect lost its hook"
echo "ok: security_socket_connect still calls dmzguard"
dmzguardctl clear > /dev/null || fail clear
rmmod dmzguard || fail rmmod
