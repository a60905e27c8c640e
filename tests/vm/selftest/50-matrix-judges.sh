# Harness self-test: the bypass matrix judges each wrong expectation in
# matrix-wrong.cases a failure.  Reports "FAIL judged: N of N" when
# every one failed: the host expects exactly that failure.
. /tests/lib.sh
ensure_loaded
cases=/tests/selftest/matrix-wrong.cases
n=$(grep -c '^[a-z]' $cases)
MATRIX_CASES=$cases MATRIX_VARIANTS=direct MATRIX_RES=/tmp/judged.res \
	sh /tests/70-matrix.sh > /tmp/judged.out 2>&1
cat /tmp/judged.res
if grep -q '^PASS ' /tmp/judged.res; then
	fail "a wrong expectation passed: $(grep '^PASS ' /tmp/judged.res | head -n 3)"
fi
failed=$(grep -c '^FAIL matrix:st-' /tmp/judged.res)
[ "$failed" -eq "$n" ] || fail "only $failed of $n wrong expectations were judged"
# The one failure the host expects, on the results port.
echo "FAIL judged: $n of $n wrong expectations failed" > /dev/ttyS1
exit 1
