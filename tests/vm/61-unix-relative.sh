# Unix sockets bound by a relative name, as postfix's master binds
# private/cleanup from its queue directory: decided by the name as bound,
# whatever name the client used, and by relative rules only.
. /tests/lib.sh
# The dmesg check wants the first refusal: a fresh module.
ensure_unloaded
ensure_loaded
P=2121
ask() { dmzg-probe ask $P "$@"; }
want() { w=$1; shift; expect_out "$w" ask "$@"; }

# testd's profile with these unix rules instead of its own.
policy() {
	{
		sed '/unix allow/d; /unix default/d; /^}/d' \
			/tests/policy/testd.policy
		for r in "$@"; do
			printf '\tunix allow %s\n' "$r"
		done
		printf '\tunix default deny\n}\n'
	} > /tmp/unixrel.policy
	dmzguardctl load /tmp/unixrel.policy > /dev/null ||
		fail "load with unix allow $*"
	echo "policy: unix allow ${*:-(nothing)}"
}

# Two services in one directory: srv/sock bound by a relative name from
# there, srv/abs by its absolute name.
rm -rf /tmp/spool
mkdir -p /tmp/spool/srv
(cd /tmp/spool && exec dmzg-probe pass-fd srv/sock 127.0.0.1 9) \
	2> /dev/null &
rel=$!
dmzg-probe pass-fd /tmp/spool/srv/abs 127.0.0.1 9 2> /dev/null &
abs=$!
i=0
while { [ ! -S /tmp/spool/srv/sock ] || [ ! -S /tmp/spool/srv/abs ]; } &&
	[ $i -lt 50 ]; do
	sleep 0.1
	i=$((i + 1))
done
[ -S /tmp/spool/srv/sock ] && [ -S /tmp/spool/srv/abs ] ||
	fail "no unix services"

# The daemon runs in the services' directory, as postfix's clients do.
policy
cd /tmp/spool || fail "cd /tmp/spool"
start_testd $P
cd /

# No rule: the default.  A refusal shows the peer was reached.
dmesg -c > /dev/null
want "ERR EACCES" unix srv/sock
dmesg_has 'dmzguard: denied op=connect profile=testd .* proto=unix dst=srv/sock'
want "ERR EACCES" unix /tmp/spool/srv/sock
want "ERR EACCES" unix srv/abs
dmesg_has 'dmzguard: denied op=connect profile=testd .* proto=unix dst=/tmp/spool/srv/abs'

# The relative name as bound allows it, reached by any name.
policy srv/sock
want "OK" unix srv/sock
want "OK" unix /tmp/spool/srv/sock
want "ERR EACCES" unix srv/abs

# A pattern with no literal directory in front (the empty anchor).
policy 's*/*'
want "OK" unix srv/sock
want "ERR EACCES" unix srv/abs

# An absolute rule does not match a relative name, even the socket's
# real path; a relative one never matches an absolute name.
policy '/tmp/spool/srv/*'
want "ERR EACCES" unix srv/sock
want "OK" unix srv/abs
policy '**'
want "OK" unix srv/sock
want "ERR EACCES" unix srv/abs

# learn turns the complaint into the relative rule.
policy
dmzguardctl mode testd complain > /dev/null || fail "mode complain"
dmesg -c > /dev/null
want "OK" unix srv/sock
dmesg > /tmp/unixrel.log
expect_out "unix allow srv/sock" dmzguardctl learn --from /tmp/unixrel.log

# A server whose path fills all 108 bytes of sun_path (bound without a
# NUL; the kernel keeps its name one byte longer than the structure) is
# decided like any other: refused without a rule, and logged.
long=/tmp/$(printf '%0103d' 0)
[ ${#long} -eq 108 ] || fail "long path is ${#long} bytes"
dmzg-probe pass-fd "$long" 127.0.0.1 9 &
longsrv=$!
i=0
while [ ! -S "$long" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
[ -S "$long" ] || fail "no server at the 108-byte path"
dmzguardctl load /tests/policy/testd.policy > /dev/null || fail "load testd"
want "ERR EACCES" unix "$long"
dmesg_has "dmzguard: denied op=connect profile=testd .* proto=unix dst=$long "
kill $longsrv

# An unconfined process connects freely.
expect_out "OK" dmzg-probe unix /tmp/spool/srv/sock
kill $rel $abs 2> /dev/null
stop_testd
rm -rf /tmp/spool /tmp/unixrel.policy /tmp/unixrel.log
dmzguardctl clear

