# Harness self-test: a kernel panic partway through a run.  The results
# before it are written; the host must still fail the run.
echo "PASS 40-before-panic" > /dev/ttyS1
echo 1 > /proc/sys/kernel/sysrq
echo c > /proc/sysrq-trigger
