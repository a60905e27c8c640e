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
rc=0
scripts/vm.sh build/initramfs.cpio.gz --timeout "${DMZG_VM_TIMEOUT:-1500}" \
	--keep build/vm-run ${DMZG_VM_APPEND:+--append "$DMZG_VM_APPEND"} || rc=1
# The threat model's table is regenerated from every run of the matrix.
if grep -q '^MATRIX ' build/vm-run/results.txt; then
	kernel=$(sed -n 's/.*Linux version \([^ ]*\).*/\1/p' build/vm-run/console.log |
		head -n 1)
	scripts/threat-table.sh build/vm-run/results.txt "$kernel" \
		> Documentation/threat-matrix.rst
fi
[ $rc -eq 0 ] || exit 1
exit ${selftest:-0}
