#!/bin/sh
# Turn kunit.py's output into PASS/FAIL/SKIP lines, then check that every
# case the suites declare (KUNIT_CASE in the given sources) ran and
# passed: a suite that stopped building or registering cases fails here.
# Usage: kunit-report.sh KUNIT_OUTPUT SUITE.c...
set -u
out=$1
shift
sed -n 's/^\[[0-9:]*\] \[\(PASSED\|FAILED\|SKIPPED\|CRASHED\)\] \([A-Za-z0-9_]*\)$/\1 \2/p' "$out" |
	sed 's/^PASSED/PASS/; s/^FAILED/FAIL/; s/^SKIPPED/SKIP/; s/^CRASHED/FAIL/'
want=$(cat "$@" | grep -c 'KUNIT_CASE(')
got=$(grep -c '^\[[0-9:]*\] \[PASSED\] [A-Za-z0-9_]*$' "$out")
if [ "$got" -lt "$want" ] || [ "$want" -eq 0 ]; then
	echo "FAIL kunit-case-count: $got cases passed, $want declared"
	exit 1
fi
echo "PASS kunit-case-count ($got of $want declared cases passed)"
