# The bypass matrix (tests/vm/matrix.cases): every way in the table that
# an attacker inside a confined daemon might reach a shell, the network,
# a file some other program acts on, or more privilege.  Exec, write and
# network cases also run from a thread and from a child that made itself
# root of a new user namespace.  A refusal
# counts only when the probe's reply, the profile's denial counter and
# a "denied" event on the watch stream (with the case's op and detail)
# all show it.  Each case is reported as its own result ("matrix:ID",
# "matrix:ID@thread", ...) and as a MATRIX line the host turns into the
# table in Documentation/threat-matrix.rst.
#
# MATRIX_ONLY=REGEX runs only the cases whose ID matches, MATRIX_VARIANTS
# only the variants named (direct, thread, userns), MATRIX_CASES reads
# another cases file (the harness self-test's).
. /tests/lib.sh
# MATRIX_RES: where result lines go (the mutation check reads them).
RES=${MATRIX_RES:-/dev/ttyS1}
ensure_loaded
dmzguardctl load /tests/policy/matrix.policy > /dev/null || fail load

# The attacker's props, set up by the (unconfined) administrator.
mkdir -p /tmp/m /run/m /tmp/m/evil-app
cp /bin/busybox /tmp/m/sh-copy
cp /bin/busybox /tmp/m/sh-copy2
cp /bin/busybox /tmp/m/sh-copy3
cp /bin/busybox /run/m/sh
cp /bin/busybox /tmp/m/evil-app/tool
# A directory where the shell sits at an allowed program's path.
mkdir -p /tmp/m/jail/usr/bin
cp /bin/busybox /tmp/m/jail/usr/bin/allowed-tool
cp /usr/bin/allowed-tool /tmp/m/allowed-victim
cp /usr/bin/allowed-tool /tmp/m/wider-tool
ln -sf /bin/busybox /tmp/m/sh-link
ln -f /bin/busybox /hardlink-sh
touch /run/m/bound-sh && mount --bind /bin/busybox /run/m/bound-sh
printf '#!/bin/sh\necho pwned\n' > /tmp/m/script.sh
printf '#!/bin/sh\necho pwned\n' > /tmp/allowed-script.sh
printf '#!/tmp/m/inner.sh\n' > /tmp/allowed-nested.sh
printf '#!/bin/sh\necho pwned\n' > /tmp/m/inner.sh
printf 'echo no shebang\n' > /tmp/m/noshebang
printf 'echo no shebang\n' > /tmp/allowed-noshebang
printf 'payload\n' > /tmp/m/allowed-payload.dmzgevil
chmod 755 /tmp/m/* /tmp/allowed-* /tmp/m/evil-app/tool
ln -sfn /usr/bin/allowed-tool /tmp/m/race-link
# Write confinement: files outside the write rules, and inside the tree
# the profile may change, what it still may not (kernel interfaces,
# device nodes, executables).
mkdir -p /tmp/m/w /tmp/m/del /etc/cron.d /etc/systemd/system /root \
	/etc/dmzguard/policy.d /tmp/m/w/proc /tmp/m/w/tracing
echo victim > /etc/dmzg-victim
echo victim > /tmp/m/victim
echo plain > /tmp/m/w/plain && chmod 644 /tmp/m/w/plain
cp /bin/busybox /tmp/m/w/exe && chmod 755 /tmp/m/w/exe
mount -t proc proc /tmp/m/w/proc
mount -t tracefs tracefs /tmp/m/w/tracing
mknod /tmp/m/w/blk b 7 0
mknod /tmp/m/w/mem c 1 1
# Every event of the run, for the refusal checks.
EVENTS=/tmp/m/events.json
rm -f /tmp/m/watch.err
dmzguardctl watch --json > $EVENTS 2> /tmp/m/watch.err &
WATCH=$!
wait_for watching /tmp/m/watch.err
have_binfmt=no
[ -f /lib/modules/extra/binfmt_misc.ko ] &&
	insmod /lib/modules/extra/binfmt_misc.ko 2>/dev/null
mkdir -p /run/m/binfmt
mount -t binfmt_misc binfmt_misc /run/m/binfmt 2>/dev/null && have_binfmt=yes
# The administrator's handler (a confined task may not register one).
[ $have_binfmt = yes ] &&
	echo ':dmzg-evil:E::dmzgevil::/bin/busybox:' > /run/m/binfmt/register
for m in crc32c_generic libcrc32c udp_tunnel ip6_udp_tunnel sctp; do
	[ -f /lib/modules/extra/$m.ko ] && insmod /lib/modules/extra/$m.ko 2>/dev/null
done
have_sctp=yes
dmzg-probe sctp connect 127.0.0.1 9 | grep -q -E 'EPROTONOSUPPORT|ESOCKTNOSUPPORT|not supported' &&
	have_sctp=no
dmzg-probe sleep &
VICTIM=$!
dmzg-probe pass-fd /run/m/fd-helper.sock 127.0.0.1 9999 &
HELPER=$!
dmzg-probe pass-fd /run/m/fd-helper-ok.sock 127.0.0.1 5353 &
HELPER_OK=$!
# Sockets in the other states a peer can be in, and a unix one.
dmzg-probe pass-fd /run/m/fd-closewait.sock closewait 9997 &
HELPER_CW=$!
dmzg-probe pass-fd /run/m/fd-synsent.sock synsent 9996 &
HELPER_SS=$!
dmzg-probe pass-fd /run/m/fd-unix.sock unix /run/m/helper.sock &
HELPER_UNIX=$!
# The peers the unix cases reach: a service socket any user may connect
# to, an abstract one, and an allowed name that is a symlink to the first.
dmzg-probe pass-fd /run/m/helper.sock 127.0.0.1 9999 &
UNIX_HELPER=$!
dmzg-probe pass-fd @dmzg-helper 127.0.0.1 9999 &
UNIX_ABSTRACT=$!
i=0
while [ ! -S /run/m/helper.sock ] && [ $i -lt 50 ]; do
	sleep 0.1
	i=$((i + 1))
done
chmod 777 /run/m/helper.sock || fail "no listener at /run/m/helper.sock"
ln -sf /run/m/helper.sock /run/m/alias.sock
unshare -n dmzg-probe sleep &
NETNS=$!
ln -sf /proc/$NETNS/ns/net /run/m/netns
# The racer flips the link with rename(2), which is atomic: the exec
# always finds one of the two programs, never no file.
( while :; do
	ln -sfn /bin/busybox /tmp/m/race-new && mv -f /tmp/m/race-new /tmp/m/race-link
	ln -sfn /usr/bin/allowed-tool /tmp/m/race-new && mv -f /tmp/m/race-new /tmp/m/race-link
done ) &
RACER=$!
start_testd 2121

# What entering a user namespace costs before any case: the probe's
# uid_map write asks for CAP_SYS_ADMIN, which the profile denies (and the
# log records).  A user-namespace run is judged beyond that cost.
from=$(wc -l < $EVENTS)
before=$(dmzguardctl status | awk '$1 == "testd" { print $6 }')
dmzg-probe ask 2121 userns ping > /dev/null 2>&1
USERNS_DENIALS=$(($(dmzguardctl status | awk '$1 == "testd" { print $6 }') - before))
i=0
while [ "$(tail -n +$((from + 1)) $EVENTS | grep -c '"kind":"denied"')" -lt $USERNS_DENIALS ]; do
	i=$((i + 1)); [ $i -lt $((30 * SLOW)) ] || fail "the user namespace's own denials sent no events"
	sleep 0.1
done
tail -n +$((from + 1)) $EVENTS > /tmp/m/userns-setup.json
echo "entering a user namespace costs $USERNS_DENIALS denial(s):"
cat /tmp/m/userns-setup.json

denials() {
	dmzguardctl status | awk '$1 == "testd" { print $6 }'
}

# want_word KEY WANT : the value of KEY=... in a case's WANT column.
want_word() {
	for w in $2; do
		case $w in "$1"=*) echo "${w#*=}"; return ;; esac
	done
}

# evented FROM OP DETAIL : a "denied" event for testd with op=OP (and
# the KEY=VALUE DETAIL) arrived after line FROM of the event stream.
# Events come from a work item: wait for it a little.
# unescape VALUE : the log's \xNN escapes decoded, as events carry values.
unescape() {
	printf '%s' "$1" | awk '{
		hex = "0123456789abcdef"; out = ""; s = $0
		while ((i = index(s, "\\x")) > 0) {
			h = tolower(substr(s, i + 2, 2))
			out = out substr(s, 1, i - 1) sprintf("%c", \
				(index(hex, substr(h, 1, 1)) - 1) * 16 + \
				index(hex, substr(h, 2, 1)) - 1)
			s = substr(s, i + 4)
		}
		printf "%s", out s
	}'
}

# matching FILE FROM OP DETAIL : how many "denied" events for testd with
# op=OP (and the KEY=VALUE DETAIL) FILE has after line FROM.
matching() {
	kv=""
	[ -z "$4" ] || kv="\"${4%%=*}\":\"$(unescape "${4#*=}")\""
	tail -n +$(($2 + 1)) "$1" | grep -F '"kind":"denied"' |
		grep -F '"profile":"testd"' | grep -F "\"op\":\"$3\"" |
		grep -c -F -- "${kv:-\"op\"}"
}

# evented FROM OP DETAIL AT_LEAST : at least AT_LEAST such events arrived
# after line FROM of the stream.  Events come from a work item: wait for
# them a little.
evented() {
	i=0
	while [ $i -lt $((30 * SLOW)) ]; do
		[ "$(matching $EVENTS "$1" "$2" "$3")" -ge "$4" ] && return 0
		i=$((i + 1))
		sleep 0.1
	done
	return 1
}

# run_case VARIANT EXPECT WANT ACTION : prints the outcome; returns 0 if
# it is the one the case expects.
run_case() {
	variant=$1 expect=$2 want=$3
	shift 3
	before=$(denials)
	from=$(wc -l < $EVENTS)
	out=$(dmzg-probe ask 2121 "$@" 2>&1)
	after=$(denials)
	case $out in
	SETUP*|USAGE*)
		echo "UNEXPECTED: the case could not run: $out"
		return 1 ;;
	esac
	case $expect in
	refused)
		reply=${want%% *}
		op=$(want_word op "$want")
		detail=$(echo "$want" | tr ' ' '\n' |
			grep -v -e '^op=' -e '^userns' | sed -n '2p')
		if [ $variant = userns ]; then
			kerr=$(want_word userns-kernel "$want")
			if [ -n "$kerr" ] && [ "$out" = "ERR $kerr" ] &&
				[ "$((after - before))" -eq "$USERNS_DENIALS" ]; then
				echo "refused by the kernel ($kerr)"
				return 0
			fi
			r=$(want_word userns "$want")
			[ -z "$r" ] || reply=$r
		fi
		case $out in
		"ERR $reply"|"RAN $reply"|"$reply") ;;
		*)
			echo "UNEXPECTED: reply '$out', not $reply (denials $before -> $after)"
			return 1 ;;
		esac
		# From a user namespace, beyond what entering it costs.
		base=0 setup=0
		if [ $variant = userns ]; then
			base=$USERNS_DENIALS
			setup=$(matching /tmp/m/userns-setup.json 0 "$op" "$detail")
		fi
		if [ "$((after - before))" -le "$base" ]; then
			echo "UNEXPECTED: $reply but the denial counter did not move ($before -> $after)"
			return 1
		fi
		if ! evented "$from" "$op" "$detail" $((setup + 1)); then
			echo "UNEXPECTED: $reply, counted, but no denied op=$op${detail:+ $detail} event"
			tail -n +$((from + 1)) $EVENTS | sed 's/^/    event: /' >&2
			return 1
		fi
		echo "refused ($reply, op=$op)"
		return 0 ;;
	allowed)
		base=0
		[ $variant != userns ] || base=$USERNS_DENIALS
		if [ "$out" = OK ] && [ "$((after - before))" -eq "$base" ]; then
			echo allowed
			return 0
		fi ;;
	limit)
		[ "$out" = OK ] && { echo "not refused (known limit)"; return 0; } ;;
	race)
		ok=$(echo "$out" | sed -n 's/^OK ok=\([0-9]*\) refused=\([0-9]*\) other=0$/\1/p')
		no=$(echo "$out" | sed -n 's/^OK ok=\([0-9]*\) refused=\([0-9]*\) other=0$/\2/p')
		echo "$out" >&2
		if ! kill -0 $RACER 2>/dev/null; then
			echo "UNEXPECTED: the racer is gone"
			return 1
		fi
		# Both programs were reached: the race really raced.
		if [ "${ok:-0}" -gt 0 ] && [ "${no:-0}" -gt 0 ]; then
			echo "never ran the shell in $((ok + no)) tries"
			return 0
		fi ;;
	esac
	echo "UNEXPECTED: $out (denials $before -> $after)"
	return 1
}

# Actions that change files or race run once, not again from a thread or
# a user namespace.
single() {
	case $1 in
	copy|rename|link|write|mount-bind|repeat) return 0 ;;
	esac
	return 1
}

failed=0 tried=0
while IFS='|' read -r area id attempt expect action want; do
	case $area in ''|'#'*) continue ;; esac
	# MATRIX_ONLY=REGEX runs only the cases whose ID matches.
	[ -z "${MATRIX_ONLY:-}" ] ||
		echo "$id" | grep -E -q -- "$MATRIX_ONLY" || continue
	if [ "$expect" = refused ] && [ -z "$want" ]; then
		echo "FAIL matrix:$id: a refused case names no WANT" >> $RES
		failed=$((failed + 1))
		continue
	fi
	action=$(echo "$action" | sed "s/@VICTIM@/$VICTIM/g")
	skip=""
	case $id in sctp-*) [ $have_sctp = yes ] || skip="no SCTP in this kernel" ;; esac
	case $id in binfmt-*) [ $have_binfmt = yes ] || skip="no binfmt_misc in this kernel" ;; esac
	# A tier that requires the feature fails instead of skipping.
	case $id in
	sctp-*) feature=sctp ;;
	binfmt-*) feature=binfmt ;;
	*) feature="" ;;
	esac
	case $id in ld-so) [ -e /lib64/ld-linux-x86-64.so.2 ] || skip="no dynamic loader" ;; esac
	# The debug kernel's own configuration leaves these out.
	case $id in core-pattern) [ -e /proc/sys/kernel/core_pattern ] || skip="no core dumps in this kernel" ;; esac
	case $id in sysrq) [ -e /proc/sysrq-trigger ] || skip="no magic SysRq in this kernel" ;; esac
	cols=""
	for v in ${MATRIX_VARIANTS:-direct thread userns}; do
		name="matrix:$id"
		[ $v = direct ] || name="$name@$v"
		if [ $v != direct ]; then
			# shellcheck disable=SC2086
			if [ $area = escalation ] || single $action; then
				cols="$cols|-"
				continue
			fi
		fi
		if [ -n "$skip" ] && [ -n "$feature" ] && required $feature; then
			echo "FAIL $name: this tier requires $feature ($skip)" >> $RES
			failed=$((failed + 1))
			cols="$cols|missing: $skip"
			continue
		fi
		if [ -n "$skip" ]; then
			echo "SKIP $name ($skip)" >> $RES
			cols="$cols|skipped: $skip"
			continue
		fi
		tried=$((tried + 1))
		# shellcheck disable=SC2086
		if [ $v = direct ]; then
			res=$(run_case $v "$expect" "$want" $action)
		else
			res=$(run_case $v "$expect" "$want" $v $action)
		fi
		rc=$?
		echo "$name: $res"
		if [ $rc -eq 0 ]; then
			echo "PASS $name" >> $RES
		else
			echo "FAIL $name: $res" >> $RES
			failed=$((failed + 1))
		fi
		cols="$cols|$res"
	done
	echo "MATRIX $area|$id|$attempt$cols" >> $RES
done < "${MATRIX_CASES:-/tests/matrix.cases}"

kill $RACER $VICTIM $HELPER $HELPER_OK $HELPER_CW $HELPER_SS $HELPER_UNIX $UNIX_HELPER $UNIX_ABSTRACT $NETNS $WATCH 2>/dev/null
wait $RACER 2>/dev/null
stop_testd
[ -e /run/m/binfmt/dmzg-evil ] && echo -1 > /run/m/binfmt/dmzg-evil
umount /run/m/binfmt /run/m/bound-sh /tmp/m/w/proc /tmp/m/w/tracing 2>/dev/null
dmzguardctl clear > /dev/null
echo "$tried cases tried, $failed not as expected"
[ $failed -eq 0 ] || fail "$failed matrix cases not as expected"
