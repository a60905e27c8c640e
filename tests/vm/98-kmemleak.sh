# After every other test: kmemleak (debug kernel only) finds no leak.
# Two scans, as kmemleak reports an object only once it has stayed
# unreferenced across scans.  Then a control: a module that leaks on
# purpose must be reported, or kmemleak was not working and "no leak"
# meant nothing.
. /tests/lib.sh
K=/sys/kernel/debug/kmemleak
[ -w $K ] || missing kmemleak "this kernel has no kmemleak"

# scan : two scans; fails if kmemleak refuses them or switched itself off.
scan() {
	sleep 6
	echo scan > $K || fail "kmemleak refused a scan (disabled?)"
	sleep 6
	echo scan > $K || fail "kmemleak refused a scan (disabled?)"
	if dmesg | grep -q 'kmemleak: .*disabled'; then
		dmesg | grep kmemleak | tail -n 5
		fail "kmemleak disabled itself: its silence proves nothing"
	fi
	cat $K > /tmp/kmemleak.out || fail "cannot read $K"
}

ensure_unloaded
scan
leaks=$(grep -c '^unreferenced object' /tmp/kmemleak.out)
if [ "$leaks" -gt 0 ]; then
	head -n 60 /tmp/kmemleak.out
	fail "kmemleak: $leaks unreferenced objects"
fi
echo "ok: kmemleak found no leak"

insmod /lib/modules/dmzg_testmod.ko leak=1 || fail "insmod the leaking module"
rmmod dmzg_testmod || fail "rmmod the leaking module"
scan
grep -q '^unreferenced object' /tmp/kmemleak.out ||
	fail "kmemleak missed the deliberate leak: the scan above proved nothing"
echo "ok: kmemleak reports a deliberate leak"
echo clear > $K
