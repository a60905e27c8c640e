# After every other test: kmemleak (debug kernel only) finds no leak.
# Two scans, as kmemleak reports an object only once it has stayed
# unreferenced across scans.
. /tests/lib.sh
K=/sys/kernel/debug/kmemleak
if [ ! -w $K ]; then
	echo "this kernel has no kmemleak: skipped"
	exit 77
fi
ensure_unloaded
sleep 6
echo scan > $K
sleep 6
echo scan > $K
leaks=$(grep -c '^unreferenced object' $K)
if [ "$leaks" -gt 0 ]; then
	head -n 60 $K
	fail "kmemleak: $leaks unreferenced objects"
fi
echo "ok: kmemleak found no leak"
