#!/bin/sh
# IBT safety of the built module, shown by construction: hardware IBT
# cannot be exercised under emulation.  On a CONFIG_X86_KERNEL_IBT kernel
# an indirect call or jump must land on an ENDBR64, or the CPU stops the
# kernel.  This checks, on a module built for such a kernel:
#  1. objtool --ibt, which the kernel's build runs on every object, said
#     nothing (it reports any code address taken without ENDBR);
#  2. every pointer to the module's code stored in its data (ops tables,
#     init/exit, ftrace and netlink callbacks) points at an ENDBR64;
#  3. the module imports no symbol-lookup function, so it never calls a
#     kernel function through a pointer it looked up (a sealed function
#     has no ENDBR), and its trampoline holds no indirect branch.
# Usage: ibt-check.sh KO BUILD_LOG    (exit 1 and a reason on failure)
#        ibt-check.sh --self-test     (each check catches a planted fault)
set -eu

fail() {
	echo "ibt-check: $*" >&2
	exit 1
}

# objtool's complaints in a kbuild log.
check_objtool() {
	if grep -E "warning: objtool:|objtool: .*error" "$1"; then
		fail "objtool reported the above in $1"
	fi
}

# Every R_X86_64_64 relocation from a data section into an executable
# section must point at endbr64 (f3 0f 1e fa).
check_code_pointers() {
	ko=$1
	tmp=$(mktemp -d)
	readelf -SW "$ko" | sed -n 's/^ *\[ *\([0-9]*\)\] \([^ ]*\) .* \([A-Z]*X[A-Z]*\) .*/\1 \2/p' \
		> "$tmp/exec"
	readelf -sW "$ko" | awk '$4 == "SECTION" || $4 == "FUNC" || $4 == "NOTYPE" {
		print $8, $2, $7 }' > "$tmp/syms"
	n=0 bad=0
	readelf -rW "$ko" | awk '
		/^Relocation section/ { sec = $3; gsub(/\x27/, "", sec); next }
		$3 == "R_X86_64_64" { print sec, $5, $6, $7 }' > "$tmp/relocs"
	while read -r relsec sym sign addend; do
		# Only data the kernel reads code pointers from: not debug
		# information, unwind tables or patching metadata.
		case $relsec in
		.rela.data* | .rela.rodata* | .rela.gnu.linkonce.this_module | \
		.rela.init.data | .rela.init.rodata | .rela.ref.data | \
		.rela__param) ;;
		*) continue ;;
		esac
		# The symbol's section must be executable.
		shndx=$(awk -v s="$sym" '$1 == s { print $3; exit }' "$tmp/syms")
		[ -n "$shndx" ] || continue
		secname=$(awk -v i="$shndx" '$1 == i { print $2; exit }' "$tmp/exec")
		[ -n "$secname" ] || continue
		base=$(awk -v s="$sym" '$1 == s { print $2; exit }' "$tmp/syms")
		off=$(( 0x$base + (${sign:-+}1) * 0x${addend:-0} ))
		n=$((n + 1))
		bytes=$(objcopy -O binary --only-section="$secname" "$ko" \
			"$tmp/sec" && od -An -tx1 -j "$off" -N 4 "$tmp/sec" | tr -d ' \n')
		if [ "$bytes" != f30f1efa ]; then
			echo "ibt-check: $relsec points at $sym+$off in $secname, which starts with $bytes, not endbr64" >&2
			bad=$((bad + 1))
		fi
	done < "$tmp/relocs"
	rm -rf "$tmp"
	[ "$bad" -eq 0 ] || fail "$bad code pointer(s) without ENDBR in $ko"
	[ "$n" -gt 0 ] || fail "no code pointers found in $ko: wrong file or not an IBT build"
	echo "ibt-check: $n code pointers in data, each at an ENDBR64"
}

check_no_lookup() {
	ko=$1
	if nm -u "$ko" | grep -E ' (kallsyms_lookup_name|kallsyms_on_each_symbol|module_kallsyms_lookup_name)$'; then
		fail "$ko imports a symbol-lookup function"
	fi
	if objdump -d --no-show-raw-insn "$ko" |
		awk '/<dmzg_(trampoline|skip_body)>:/ { on = 1; next } /^$/ { on = 0 } on' |
		grep -E 'call +\*|jmp +\*|indirect_thunk|indirect_call_thunk'; then
		fail "the trampoline of $ko holds an indirect branch"
	fi
	objdump -d "$ko" | awk '/<dmzg_trampoline>:/ { getline; print; exit }' |
		grep -q 'f3 0f 1e fa' || fail "dmzg_trampoline does not start with endbr64"
	echo "ibt-check: no symbol lookup imported; the trampoline has no indirect branch"
}

self_test() {
	tmp=$(mktemp -d)
	trap 'rm -rf "$tmp"' EXIT
	# A pointer in data to a function without ENDBR, next to one with.
	cat > "$tmp/t.s" <<'EOF'
	.text
	.globl good
good:	endbr64
	ret
	.globl bad
bad:	nop
	ret
	.data
	.quad good
	.quad bad
EOF
	as -o "$tmp/t.o" "$tmp/t.s"
	if (check_code_pointers "$tmp/t.o") 2> "$tmp/err"; then
		fail "self-test: a code pointer without ENDBR was not caught"
	fi
	grep -q 'points at bad' "$tmp/err" ||
		fail "self-test: the message does not name 'bad': $(cat "$tmp/err")"
	echo "kmod/x.o: warning: objtool: foo+0x4: relocation to !ENDBR: bar+0x0" > "$tmp/log"
	if (check_objtool "$tmp/log") > /dev/null 2>&1; then
		fail "self-test: an objtool warning was not caught"
	fi
	echo "ibt-check: self-test caught a pointer without ENDBR and an objtool warning"
}

case "${1:-}" in
--self-test) self_test ;;
*)
	[ $# -eq 2 ] || fail "usage: ibt-check.sh KO BUILD_LOG | --self-test"
	check_objtool "$2"
	check_code_pointers "$1"
	check_no_lookup "$1"
	;;
esac
