# Harness self-test: a VM that never powers off must fail the run.
exec sleep 100000
