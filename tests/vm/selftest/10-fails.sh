# Harness self-test: a failing test must fail the run, named.
echo "this test fails on purpose"
exit 1
