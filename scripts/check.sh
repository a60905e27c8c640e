#!/bin/sh
# Run test tiers and print one summary line "N passed, N failed, N skipped".
# Usage: check.sh all|style|unit|kunit|vm|debug|mutants|kernels|deb|system|daemons ...
# Every tier writes "PASS name", "FAIL name" or "SKIP name" lines.
set -u

top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 1
tiers=$*
[ "$tiers" = all ] && tiers="style unit kunit vm bench"
log=$top/build/check
mkdir -p "$log"
: > "$log/results"

run_tier() {
	name=$1
	shift
	echo "=== tier $name"
	start=$(date +%s)
	"$@" > "$log/$name.log" 2>&1
	rc=$?
	grep -E '^(PASS|FAIL|SKIP) ' "$log/$name.log" | sed "s/^\([A-Z]*\) /\1 $name: /" |
		tee -a "$log/results"
	if [ $rc -ne 0 ] && ! grep -q '^FAIL ' "$log/$name.log"; then
		echo "FAIL $name: tier exited $rc" | tee -a "$log/results"
		tail -n 40 "$log/$name.log" | sed 's/^/    /'
	fi
	grep -E -A 30 '^FAIL ' "$log/$name.log" | grep -E '^    ' | head -n 60
	echo "=== tier $name: $(( $(date +%s) - start ))s"
}

for t in $tiers; do
	case $t in
	style) run_tier style scripts/style.sh ;;
	unit) run_tier unit scripts/unit.sh ;;
	kunit) run_tier kunit scripts/kunit.sh ;;
	vm) run_tier vm scripts/vm-tests.sh ;;
	debug) run_tier debug scripts/debug-tests.sh ;;
	mutants) run_tier mutants scripts/mutants.sh ;;
	kernels) run_tier kernels scripts/kernels-tests.sh ;;
	deb) run_tier deb scripts/deb-tests.sh ;;
	system) run_tier system scripts/system-tests.sh ;;
	daemons) run_tier daemons env DMZG_SYSTEM_SUITES=daemons \
		scripts/system-tests.sh ;;
	bench) run_tier bench scripts/bench.sh --quick ;;
	*) echo "check.sh: unknown tier $t" >&2; exit 2 ;;
	esac
done

p=$(grep -c '^PASS ' "$log/results")
f=$(grep -c '^FAIL ' "$log/results")
s=$(grep -c '^SKIP ' "$log/results")
echo "$p passed, $f failed, $s skipped"
[ "$f" -eq 0 ] && [ "$p" -gt 0 ]
