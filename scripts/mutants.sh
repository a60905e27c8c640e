#!/bin/sh
# make check-mutants: build the module once per decision point listed in
# tests/vm/mutants/mutants.list with that decision disabled (a test-only
# build flag, kmod/mutant.h), then boot one VM that runs each mutant's
# bypass-matrix cases (tests/vm/mutants/10-mutants.sh).  Every mutant
# must be caught.  Ends with "N mutants, N caught"; exits non-zero on a
# survivor, a mutant that changed no code, or a harness failure.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 1
list=tests/vm/mutants/mutants.list
out=build/mutants
kdir=$(scripts/kernel.sh kdir) || exit 1
rc=0

make -s vm-artifacts > build/mutants-build.log 2>&1 || {
	echo "FAIL mutants-build (see below)"
	tail -n 30 build/mutants-build.log | sed 's/^/    /'
	exit 1
}
rm -rf "$out"
mkdir -p "$out/tree" "$out/ko"
cp -r Kbuild kmod "$out/tree/"
find "$out/tree" \( -name '*.o' -o -name '*.ko' -o -name '*.mod*' \
	-o -name '.*.cmd' \) -type f -delete
build() {
	make -s -C "$kdir" M="$top/$out/tree" "$@" modules \
		>> "$out/build.log" 2>&1
}
n=0
for entry in $(grep -v '^#' "$list"); do
	name=${entry%%|*}
	file=$(echo "$entry" | cut -d'|' -f2)
	n=$((n + 1))
	# The normal build first: the previous mutant's files return to it.
	build || { echo "FAIL mutant:$name (build)"; rc=1; continue; }
	cp "$out/tree/kmod/$file.o" "$out/normal.o"
	if ! build DMZG_MUTANT="$name" DMZG_MUTANT_FILE="$file"; then
		echo "FAIL mutant:$name (build)"
		rc=1
		continue
	fi
	if cmp -s "$out/tree/kmod/$file.o" "$out/normal.o"; then
		echo "FAIL mutant:$name (disabling it changes no code in kmod/$file.c)"
		rc=1
		continue
	fi
	cp "$out/tree/kmod/dmzguard.ko" "$out/ko/$name.ko"
done
DMZG_MUTANTS=$out/ko scripts/initramfs.sh "$out/initramfs.cpio.gz" \
	kmod/dmzguard.ko userspace/dmzguardctl.static build/helpers \
	$(scripts/kernel.sh modules) || exit 1
results=$(scripts/vm.sh "$out/initramfs.cpio.gz" --timeout 1800 \
	--keep "$out/vm-run" --append "dmzg.tests=/tests/mutants")
vrc=$?
echo "$results"
[ $vrc -eq 0 ] || rc=1
caught=$(echo "$results" | grep -c '^PASS mutant:')
echo "$n mutants, $caught caught"
[ "$caught" -eq "$n" ] || rc=1
exit $rc
