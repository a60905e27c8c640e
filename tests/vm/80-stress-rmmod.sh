# rmmod while confined and unconfined workers exec and connect in a loop:
# 100 times in a row with 8 workers (fewer on the debug kernel), no oops,
# no hang (panic_on_warn is on).
# vm-timeout: 900
. /tests/lib.sh
ensure_unloaded
cat > /tmp/storm.policy <<'P'
profile testd {
	attach /usr/sbin/testd
	exec allow /usr/bin/allowed-tool
	connect allow tcp 127.0.0.1 port 2525
}
P
rm -f /tmp/stop
# Confined (testd is attached by its path) and unconfined storms.
for w in 1 2 3 4; do /usr/sbin/testd storm /tmp/stop & done
for w in 1 2 3 4; do /usr/bin/dmzg-probe storm /tmp/stop & done
cycles=$(scaled 100)
i=0
while [ $i -lt $cycles ]; do
	insmod $KO || fail "insmod $i"
	dmzguardctl load /tmp/storm.policy > /dev/null || fail "load $i"
	sleep 0.1
	rmmod dmzguard || fail "rmmod $i"
	[ $((i % 10)) = 0 ] && echo "cycle $i at $(cat /proc/uptime)"
	i=$((i + 1))
done
touch /tmp/stop
wait
echo "ok: $cycles insmod/load/rmmod cycles under an exec+connect storm"
