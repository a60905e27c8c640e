# Harness self-test: a kernel WARNING must fail the run.
insmod /lib/modules/dmzg_testmod.ko warn=1
echo "not reached: panic_on_warn"
