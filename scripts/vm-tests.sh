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
# Debian's kernel has SCTP and binfmt_misc as modules: the matrix must
# run their cases, not skip them.
scripts/vm.sh build/initramfs.cpio.gz --timeout "${DMZG_VM_TIMEOUT:-1500}" \
	--keep build/vm-run \
	--append "dmzg.require=sctp,binfmt ${DMZG_VM_APPEND:-}" || rc=1
# The threat model's table is regenerated from every passing run of the
# matrix; threat-table.sh refuses a run with failures.
if [ $rc -eq 0 ] && grep -q '^MATRIX ' build/vm-run/results.txt; then
	kernel=$(sed -n 's/.*Linux version \([^ ]*\).*/\1/p' build/vm-run/console.log |
		head -n 1)
	scripts/threat-table.sh build/vm-run/results.txt "$kernel" \
		> build/threat-matrix.rst &&
		cp build/threat-matrix.rst Documentation/threat-matrix.rst
fi
[ $rc -eq 0 ] || exit 1
exit ${selftest:-0}
