# Repeated denials: the first is printed, repeats within the window are
# counted, and the count is reported (suppressed=N), never dropped; new
# targets beyond a budget per window are counted and reported too.  A
# value too long for the line is cut visibly, never silently.
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
# Two targets whose lines collide under an unkeyed 32-bit hash (what an
# attacker would pick, knowing the hash): the second is its own target,
# printed at once, not counted as a repeat of the first.
set -- $(dmzg-fnv-pair testd) || fail "dmzg-fnv-pair"
[ $# -eq 4 ] || fail "dmzg-fnv-pair printed '$*'"
dmesg -c > /dev/null
expect_out "ERR EACCES" dmzg-probe ask 2121 connect tcp "$1" "$2"
expect_out "ERR EACCES" dmzg-probe ask 2121 connect tcp "$3" "$4"
dmesg_has "denied op=connect profile=testd .* dst=$1:$2 "
dmesg_has "denied op=connect profile=testd .* dst=$3:$4 "
# Target after target: the log prints a budget of new targets per window
# and reports how many records it held back, so that the sum is exact.
sleep 6
dmesg -c > /dev/null
# One process tries them all at once: well inside one window, however
# slow the kernel.
expect_out "OK" dmzg-probe ask 2121 connect-many 127.0.0.1 10000 150
i=0
while ! dmesg | grep -q 'dmzguard: rate limit: '; do
	i=$((i + 1)); [ $i -lt 30 ] || break; sleep 1
done
printed=$(dmesg | grep -cE 'denied op=connect .* dst=127\.0\.0\.1:10[01][0-9][0-9] ')
held=$(dmesg | sed -n 's/.*dmzguard: rate limit: \([0-9]*\) records not printed.*/\1/p' |
	awk '{ n += $1 } END { print n + 0 }')
[ "$printed" -le 64 ] ||
	fail "$printed of 150 new targets printed in one window: the log can be flooded"
[ $((printed + held)) -eq 150 ] ||
	fail "printed $printed + held back $held != 150 denials"
echo "ok: 150 new targets: $printed printed, $held counted as held back"
# A 700-byte path does not fit in a log line: it is cut and marked "...".
long=/tmp
for i in 1 2 3 4 5 6 7; do
	long=$long/$(printf 'd%097d' $i)
done
mkdir -p "$long" && cp /bin/busybox "$long/sh" || fail "long path"
dmesg -c > /dev/null
expect_out "ERR EACCES" dmzg-probe ask 2121 exec "$long/sh"
line=$(dmesg | grep 'denied op=exec .*target=/tmp/d0000')
[ -n "$line" ] || fail "no denial line for the long path"
echo "$line" | grep -q 'target=/tmp/d0[0-9/d]*\.\.\.' ||
	fail "the long path was cut without a mark: $line"
echo "ok: a long target is cut and marked: ...${line##*/d0}"
rm -rf /tmp/d0*
stop_testd
dmzguardctl clear > /dev/null
