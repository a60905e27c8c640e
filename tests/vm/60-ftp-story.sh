# The FTP story: a confined daemon (the attacker runs commands inside it)
# cannot spawn a shell, connect, send, bind or escalate beyond its
# profile, and each refusal is logged; an unconfined process can do it
# all.  The many disguises of the shell (copies, links, scripts, fds,
# the loader, an allowed program, a child, a thread) are cases of the
# bypass matrix, 70-matrix.
. /tests/lib.sh
# The log checks below want the first line of each refusal, and the
# module prints a repeat within 5 s only as a count: start from a freshly
# loaded module, whatever the tests before did.
ensure_unloaded
ensure_loaded
dmzguardctl load /tests/policy/testd.policy || fail "load"
start_testd 2121
P=2121
ask() { dmzg-probe ask $P "$@"; }
want() { w=$1; shift; expect_out "$w" ask "$@"; }

# Two local unix services: syslog's /dev/log, which the profile allows,
# and another one, which it does not (each hands out a socket, unused).
dmzg-probe pass-fd /dev/log 127.0.0.1 9 &
syslog=$!
dmzg-probe pass-fd /run/other.sock 127.0.0.1 9 &
other=$!
i=0
while { [ ! -S /dev/log ] || [ ! -S /run/other.sock ]; } && [ $i -lt 50 ]; do
	sleep 0.1
	i=$((i + 1))
done
[ -S /dev/log ] && [ -S /run/other.sock ] || fail "no unix services"

dmesg -c > /dev/null

# Exec: the shell.
want "ERR EACCES" exec /bin/sh

# Network.
want "OK" connect tcp 127.0.0.1 2525
want "ERR EACCES" connect tcp 127.0.0.1 4444
want "ERR EACCES" connect tcp 127.0.0.2 2525
want "ERR EACCES" connect udp 127.0.0.1 53
want "ERR EACCES" sendto udp 127.0.0.1 53
want "ERR EACCES" fastopen tcp 127.0.0.1 4444
want "ERR EACCES" connect tcp ::ffff:127.0.0.1 4444 v6
want "OK" connect tcp ::ffff:127.0.0.1 2525 v6
want "ERR EACCES" connect tcp ::1 2525
want "ERR EACCES" bind tcp 127.0.0.1 3333
want "OK" bind tcp 127.0.0.1 40050
want "ERR EACCES" listen tcp 0.0.0.0 2121
want "ERR EACCES" socket packet
want "ERR EACCES" socket raw
want "ERR EACCES" unix /run/other.sock
# Malformed ancillary data is refused as the kernel would, not looped on.
want "ERR EINVAL" sockopt zero-cmsg
dmesg_has 'dmzguard: denied op=connect profile=testd .* dst=/run/other.sock'
want "OK" unix /dev/log

# Escalation as root.
dmzg-probe sleep &
victim=$!
want "ERR EACCES" ptrace $victim
kill $victim
want "ERR EPERM" finit-module /lib/modules/dmzguard.ko
want "ERR EPERM" delete-module dmzguard
want "RAN" exec /usr/sbin/dmzguardctl clear
dmzguardctl status | grep -q "policy: loaded" || fail "policy was cleared from inside"
grep -q '^dmzguard ' /proc/modules || fail "module was removed from inside"

# Every refusal is in dmesg with the documented keys.
dmesg_has 'dmzguard: denied op=exec profile=testd pid=[0-9]+ comm=testd exe=/usr/sbin/testd target=/bin/busybox uid=0'
dmesg_has 'dmzguard: denied op=connect profile=testd .* proto=tcp dst=127.0.0.1:4444 uid=0'
dmesg_has 'dmzguard: denied op=sendmsg .* proto=udp dst=127.0.0.1:53'
dmesg_has 'dmzguard: denied op=bind .* proto=tcp addr=127.0.0.1:3333'
dmesg_has 'dmzguard: denied op=capability .* cap=sys_module'
dmesg_has 'dmzguard: denied op=ptrace .* target_pid='
dmesg_has 'dmzguard: denied op=socket .* class=packet'

# An unconfined process does all of it freely.
expect_out "OK" dmzg-probe exec /bin/sh
expect_out "OK" dmzg-probe connect tcp 127.0.0.1 4444
expect_out "OK" dmzg-probe sendto udp 127.0.0.1 53
expect_out "OK" dmzg-probe bind tcp 127.0.0.1 3333
expect_out "OK" dmzg-probe socket packet

# Complain mode allows and logs the same actions.
dmzguardctl mode testd complain || fail "mode complain"
dmesg -c > /dev/null
want "OK" exec /bin/sh
want "OK" connect tcp 127.0.0.1 4444
dmesg_has 'dmzguard: complain op=exec profile=testd .* target=/bin/busybox'
dmesg_has 'dmzguard: complain op=connect profile=testd .* dst=127.0.0.1:4444'
dmzguardctl mode testd enforce || fail "mode enforce"
want "ERR EACCES" exec /bin/sh
kill $syslog $other 2>/dev/null
rm -f /dev/log /run/other.sock
stop_testd
dmzguardctl clear
