# rmmod while confined and unconfined workers exec and connect in a loop:
# 100 times in a row with 8 workers, no oops, no hang (panic_on_warn is on).
. /tests/lib.sh
ensure_unloaded
cat > /tmp/storm.policy <<'P'
profile testd {
	attach /usr/sbin/testd
	exec allow /usr/bin/allowed-tool
	connect allow tcp 127.0.0.1 port 2525
}
P
storm() {
	while [ ! -e /tmp/stop ]; do
		$1 exec /usr/bin/allowed-tool ping > /dev/null
		$1 connect tcp 127.0.0.1 2525 > /dev/null
		$1 exec /bin/true > /dev/null
	done
}
rm -f /tmp/stop
for w in 1 2 3 4; do storm /usr/sbin/testd & done
for w in 1 2 3 4; do storm /usr/bin/dmzg-probe & done
i=0
while [ $i -lt 100 ]; do
	insmod $KO || fail "insmod $i"
	dmzguardctl load /tmp/storm.policy > /dev/null || fail "load $i"
	sleep 0.1
	rmmod dmzguard || fail "rmmod $i"
	i=$((i + 1))
done
touch /tmp/stop
wait
echo "ok: 100 insmod/load/rmmod cycles under an exec+connect storm"
