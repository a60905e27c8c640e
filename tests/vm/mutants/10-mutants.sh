# vm-timeout: 1500
# The mutation check, inside the VM: first every case the mutants use
# must pass with the real module (so a failure below is the mutant's
# doing), then each mutant build (/lib/modules/mutants/NAME.ko) runs its
# cases and must fail them.  One result per mutant: "PASS mutant:NAME"
# when caught, "FAIL mutant:NAME (survived)" when not.
. /tests/lib.sh
RES=/dev/ttyS1
list=/tests/mutants/mutants.list

# matrix KO CASES : the matrix's direct runs of CASES against module KO;
# its own result lines go to /tmp/matrix.res, its output to /tmp/matrix.out.
matrix() {
	ensure_unloaded
	: > /tmp/matrix.res
	KO=$1 MATRIX_ONLY="^($2)\$" MATRIX_VARIANTS=direct \
		MATRIX_RES=/tmp/matrix.res sh /tests/70-matrix.sh > /tmp/matrix.out 2>&1
	rc=$?
	ensure_unloaded
	return $rc
}

all=$(grep -v '^#' $list | cut -d'|' -f3 | sort -u | tr '\n' '|' | sed 's/|$//')
if matrix /lib/modules/dmzguard.ko "$all"; then
	echo "PASS mutant-control" > $RES
else
	echo "FAIL mutant-control: the cases fail with the real module" > $RES
	sed 's/^/    /' /tmp/matrix.out | tail -n 20 > $RES
	exit 1
fi

grep -v '^#' $list | while IFS='|' read -r name file cases; do
	ko=/lib/modules/mutants/$name.ko
	if [ ! -f "$ko" ]; then
		echo "FAIL mutant:$name (no build)" > $RES
		continue
	fi
	dmesg -c > /dev/null
	if matrix "$ko" "$cases"; then
		echo "FAIL mutant:$name (survived: $cases passed with $file's decision disabled)" > $RES
	elif ! dmesg | grep -q "TEST BUILD: decision point $name is disabled"; then
		echo "FAIL mutant:$name (the mutant build did not load)" > $RES
		sed 's/^/    /' /tmp/matrix.out | tail -n 10 > $RES
	else
		echo "PASS mutant:$name ($(grep -c '^FAIL' /tmp/matrix.res) of its cases failed)" > $RES
	fi
done
exit 0
