# Harness self-test: a failing test must fail the run, named.
echo "this test fails on purpose"
echo "FAIL: the reason, shown under the FAIL line"
exit 1
