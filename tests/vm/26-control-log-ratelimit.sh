# Repeated denials: the first is printed, repeats within the window are
# counted, and the count is reported (suppressed=N), never dropped.
. /tests/lib.sh
ensure_loaded
dmzguardctl load /tests/policy/testd.policy > /dev/null || fail load
start_testd 2121
dmesg -c > /dev/null
for i in 1 2 3 4 5 6; do
	expect_out "ERR EACCES" dmzg-probe ask 2121 connect tcp 127.0.0.1 5555
done
n=$(dmesg | grep -c 'denied op=connect .*dst=127.0.0.1:5555')
[ "$n" -eq 1 ] || fail "expected 1 printed line, got $n: $(dmesg | grep dmzguard)"
# A different target is printed at once.
expect_out "ERR EACCES" dmzg-probe ask 2121 connect tcp 127.0.0.1 5556
dmesg_has 'denied op=connect .*dst=127.0.0.1:5556'
# Nothing more arrives for that target: a periodic flush reports the count.
i=0
while ! dmesg | grep -q 'dst=127.0.0.1:5555 suppressed=5'; do
	i=$((i + 1)); [ $i -lt 30 ] || break; sleep 1
done
dmesg_has 'op=connect profile=testd proto=tcp dst=127.0.0.1:5555 suppressed=5'
stop_testd
dmzguardctl clear > /dev/null
