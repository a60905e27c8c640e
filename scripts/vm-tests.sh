#!/bin/sh
# Tier 3: build the VM artifacts and run every VM test on the Debian kernel.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
make -s vm-artifacts > build/vm-build.log 2>&1 || {
	echo "FAIL vm-build (see below)"
	tail -n 40 build/vm-build.log | sed 's/^/    /'
	exit 1
}
scripts/vm-selftest.sh || selftest=1
scripts/vm.sh build/initramfs.cpio.gz --timeout "${DMZG_VM_TIMEOUT:-1500}" \
	--keep build/vm-run ${DMZG_VM_APPEND:+--append "$DMZG_VM_APPEND"} || exit 1
exit ${selftest:-0}
