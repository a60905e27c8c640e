# The bypass matrix (tests/vm/matrix.cases): every way in the table that
# an attacker inside a confined daemon might reach a shell, the network
# or more privilege.  Exec and network cases also run from a thread and
# from a child that made itself root of a new user namespace; a case
# with a LOG column also checks that the denial's kernel log line names
# what was reached.  Each case is reported as its own result
# ("matrix:ID", "matrix:ID@thread", ...) and as a MATRIX line the host
# turns into the table in Documentation/threat-matrix.rst.
. /tests/lib.sh
RES=/dev/ttyS1
ensure_loaded
dmzguardctl load /tests/policy/matrix.policy > /dev/null || fail load

# The attacker's props, set up by the (unconfined) administrator.
mkdir -p /tmp/m /run/m /tmp/m/evil-app
cp /bin/busybox /tmp/m/sh-copy
cp /bin/busybox /tmp/m/sh-copy2
cp /bin/busybox /tmp/m/sh-copy3
cp /bin/busybox /run/m/sh
cp /bin/busybox /tmp/m/evil-app/tool
cp /usr/bin/allowed-tool /tmp/m/allowed-victim
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
have_binfmt=no
[ -f /lib/modules/extra/binfmt_misc.ko ] &&
	insmod /lib/modules/extra/binfmt_misc.ko 2>/dev/null
mkdir -p /run/m/binfmt
mount -t binfmt_misc binfmt_misc /run/m/binfmt 2>/dev/null && have_binfmt=yes
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
unshare -n dmzg-probe sleep &
NETNS=$!
ln -sf /proc/$NETNS/ns/net /run/m/netns
( while :; do
	ln -sfn /bin/busybox /tmp/m/race-link
	ln -sfn /usr/bin/allowed-tool /tmp/m/race-link
done ) &
RACER=$!
start_testd 2121

denials() {
	dmzguardctl status | awk '$1 == "testd" { print $6 }'
}

# logged KEY=VALUE : how many denial lines in the kernel log carry it.
logged() {
	dmesg | grep -F 'dmzguard: denied op=' | grep -c -F " $1 "
}

# run_case VARIANT EXPECT LOG ACTION : prints a short outcome, returns 0
# if as expected (with a LOG, a refusal must also add a denial line that
# carries it).  In a new user namespace the confined task gets no
# capability (not even to write its uid_map), so it acts as an unmapped
# user and the kernel itself may refuse first: that counts as refused,
# and is reported as such.  A dmzguard denial of a control never passes.
run_case() {
	variant=$1
	expect=$2
	log=$3
	shift 3
	before=$(denials)
	[ -z "$log" ] || lines=$(logged "$log")
	out=$(dmzg-probe ask 2121 "$@" 2>&1)
	after=$(denials)
	errno=$(echo "$out" | sed -n 's/^ERR \(E[A-Z]*\).*/\1/p')
	if [ "$variant" = userns ] && [ "$out" != OK ] &&
		[ "$after" -eq "$before" ] && [ "$expect" != race ]; then
		echo "refused by the kernel (${errno:-$out}, unmapped user)"
		return 0
	fi
	case $expect in
	refused)
		if [ "$out" != OK ] && [ "$after" -gt "$before" ]; then
			if [ -n "$log" ] && [ "$(logged "$log")" -le "$lines" ]; then
				echo "UNEXPECTED: refused, but no denial line with $log in the log"
				return 1
			fi
			[ -z "$log" ] || echo "the denial's log line has $log" >&2
			echo "refused${errno:+ ($errno)}"
			return 0
		fi ;;
	allowed)
		[ "$out" = OK ] && { echo allowed; return 0; } ;;
	limit)
		[ "$out" = OK ] && { echo "not refused (known limit)"; return 0; } ;;
	race)
		case $out in
		OK*)
			# The split between runs and refusals varies by run;
			# the log keeps it, the table does not.
			echo "$out" >&2
			tries=$(echo "$out" | sed 's/.*ok=\([0-9]*\) refused=\([0-9]*\).*/\1 + \2/')
			echo "never ran the shell in $((tries)) tries"
			return 0 ;;
		esac ;;
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
while IFS='|' read -r area id attempt expect action; do
	case $area in ''|'#'*) continue ;; esac
	log=""
	case $action in
	*'|'*) log=${action#*|}; action=${action%%|*} ;;
	esac
	action=$(echo "$action" | sed "s/@VICTIM@/$VICTIM/g")
	skip=""
	case $id in sctp-*) [ $have_sctp = yes ] || skip="no SCTP in this kernel" ;; esac
	case $id in binfmt-*) [ $have_binfmt = yes ] || skip="no binfmt_misc in this kernel" ;; esac
	case $id in ld-so) [ -e /lib64/ld-linux-x86-64.so.2 ] || skip="no dynamic loader" ;; esac
	cols=""
	for v in direct thread userns; do
		name="matrix:$id"
		[ $v = direct ] || name="$name@$v"
		if [ $v != direct ]; then
			# shellcheck disable=SC2086
			if [ $area = escalation ] || single $action; then
				cols="$cols|-"
				continue
			fi
		fi
		if [ -n "$skip" ]; then
			echo "SKIP $name ($skip)" > $RES
			cols="$cols|skipped: $skip"
			continue
		fi
		tried=$((tried + 1))
		# shellcheck disable=SC2086
		if [ $v = direct ]; then
			res=$(run_case $v "$expect" "$log" $action)
		else
			res=$(run_case $v "$expect" "" $v $action)
		fi
		rc=$?
		echo "$name: $res"
		if [ $rc -eq 0 ]; then
			echo "PASS $name" > $RES
		else
			echo "FAIL $name: $res" > $RES
			failed=$((failed + 1))
		fi
		cols="$cols|$res"
	done
	echo "MATRIX $area|$id|$attempt$cols" > $RES
done < /tests/matrix.cases

kill $RACER $VICTIM $HELPER $HELPER_OK $NETNS 2>/dev/null
wait $RACER 2>/dev/null
stop_testd
[ -e /run/m/binfmt/dmzg-evil ] && echo -1 > /run/m/binfmt/dmzg-evil
umount /run/m/binfmt /run/m/bound-sh 2>/dev/null
dmzguardctl clear > /dev/null
echo "$tried cases tried, $failed not as expected"
[ $failed -eq 0 ] || fail "$failed matrix cases not as expected"
