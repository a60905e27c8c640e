# vm-timeout: 1500
# The mutation check, inside the VM: first every case the mutants use
# must pass with the real module (so a failure below is the mutant's
# doing), then each mutant build (/lib/modules/mutants/NAME.ko) runs its
# cases and must fail them.  One result per mutant: "PASS mutant:NAME"
# when caught, "FAIL mutant:NAME (survived)" when not.
. /tests/lib.sh
RES=/dev/ttyS1
list=/tests/mutants/mutants.list

# matrix KO CASES : against module KO, the matrix's direct runs of CASES
# (a |-separated list), or the whole test NAME for test:NAME; result
# lines go to /tmp/matrix.res, the output to /tmp/matrix.out.
matrix() {
	ensure_unloaded
	: > /tmp/matrix.res
	# Load it here, to see which build it says it is before a test
	# clears the kernel log.
	dmesg -c > /dev/null
	insmod "$1" || { echo "insmod $1 failed" > /tmp/matrix.out; return 2; }
	build=$(dmesg | sed -n 's/.*TEST BUILD: decision point \([A-Z]*\) is disabled.*/\1/p')
	case $2 in
	test:*)
		KO=$1 sh "/tests/${2#test:}.sh" > /tmp/matrix.out 2>&1 ;;
	*)
		KO=$1 MATRIX_ONLY="^($2)\$" MATRIX_VARIANTS=direct \
			MATRIX_RES=/tmp/matrix.res sh /tests/70-matrix.sh \
			> /tmp/matrix.out 2>&1 ;;
	esac
	rc=$?
	ensure_unloaded
	return $rc
}

# The control: everything the mutants use passes with the real module.
cases=$(grep -v '^#' $list | cut -d'|' -f3 | grep -v '^test:' | sort -u |
	tr '\n' '|' | sed 's/|$//')
tests=$(grep -v '^#' $list | cut -d'|' -f3 | grep '^test:' | sort -u)
for what in "$cases" $tests; do
	if ! matrix /lib/modules/dmzguard.ko "$what" || [ -n "$build" ]; then
		echo "FAIL mutant-control: $what fails with the real module" > $RES
		sed 's/^/    /' /tmp/matrix.out | tail -n 20 > $RES
		exit 1
	fi
done
echo "PASS mutant-control" > $RES

grep -v '^#' $list | while IFS='|' read -r name file cases; do
	ko=/lib/modules/mutants/$name.ko
	if [ ! -f "$ko" ]; then
		echo "FAIL mutant:$name (no build)" > $RES
		continue
	fi
	if matrix "$ko" "$cases"; then
		echo "FAIL mutant:$name (survived: $cases passed with $file's decision disabled)" > $RES
	elif [ "$build" != "$name" ]; then
		echo "FAIL mutant:$name (the build loaded says '${build:-none}')" > $RES
		sed 's/^/    /' /tmp/matrix.out | tail -n 10 > $RES
	else
		echo "PASS mutant:$name (caught)" > $RES
	fi
done
exit 0
