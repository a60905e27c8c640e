#!/bin/sh
# Inside the booted Debian 12 system: Debian's own vsftpd, nginx,
# haproxy, postfix and bind9, started by their own units under the
# profiles of policy/, exercised by real clients over loopback (curl,
# busybox ftpget, swaks, dig) with what operators do (reload, restart,
# log rotation, nginx's binary upgrade).  The workload must see no
# denial; then the intruder preloaded into each daemon (the demo's
# library) tries a shell, a bind shell, an outbound connect, a cron job
# and a module load: each refused, and logged.  Last, the learning
# workflow for nginx and postfix: an attach-only profile in complain
# mode, the workload, learn, enforce, the workload again with no denial.
#
# "daemons.sh explore" instead puts every daemon under an attach-only
# complain profile, runs the workload and prints what learn makes of it.
res=${DMZG_RESULTS:-/dev/ttyS1}
k=$(uname -r)
say() { echo "$*" > "$res"; }
check() {
	name=$1
	shift
	if out=$("$@" 2>&1); then
		say "PASS daemons: $k: $name"
	else
		say "FAIL daemons: $k: $name"
		echo "$out" | tail -n 25 | sed 's/^/    /' > "$res"
	fi
}

# wait_until SECONDS CMD...: until CMD succeeds.
wait_until() {
	t=$1
	shift
	i=0
	until "$@"; do
		i=$((i + 1))
		[ $i -lt $((t * 5)) ] || return 1
		sleep 0.2
	done
}

# The clients.
get() {
	curl -fsS -g --max-time 20 "$1" | grep -q "$2" ||
		{ echo "$1: no '$2' in the answer"; return 1; }
}
web() {
	get http://127.0.0.1/ 'static page' &&
		get 'http://[::1]/' 'static page' &&
		get http://127.0.0.1/app/ 'upstream page'
}
proxy() { get http://127.0.0.1:8000/ 'upstream page'; }
dns() {
	got=$(dig +time=5 +tries=3 +short @127.0.0.1 www.dmz.test A)
	[ "$got" = 127.0.0.1 ] || { echo "dig answered '$got'"; return 1; }
}
mail() {
	# (check runs each step in a subshell: no counter would survive.)
	subject="dmzguard relay test $(cat /proc/sys/kernel/random/uuid)"
	swaks --silent 2 --server 127.0.0.1:25 --from sender@dmz.test \
		--to someone@relay.example --header "Subject: $subject" ||
		return 1
	# A function, so that the glob sees the files as they arrive.
	relayed() { grep -qs "$subject" /srv/sink/mail.*; }
	wait_until 60 relayed || {
		echo "the relay host never got '$subject'"
		postqueue -p
		ls -l /srv/sink
		journalctl -o short-monotonic -n 30 SYSLOG_FACILITY=2
		return 1
	}
}
ftp() {
	rm -f /tmp/got
	busybox ftpget -u anonymous -p x 127.0.0.1 /tmp/got hello.txt &&
		cmp /tmp/got /srv/ftp/hello.txt
}

active() { systemctl is-active --quiet "$1"; }
# op UNIT ACTION: systemctl ACTION UNIT, and the unit active again.
op() {
	systemctl "$2" "$1" && wait_until 60 active "$1" ||
		{ systemctl status --no-pager "$1"; return 1; }
}

# nginx's binary upgrade: USR2 starts a new master from the binary, WINCH
# and QUIT retire the old one; the service never stops answering.
nginx_upgrade() {
	old=$(cat /run/nginx.pid) || return 1
	kill -USR2 "$old" || return 1
	new_master() {
		[ -f /run/nginx.pid.oldbin ] &&
			[ "$(cat /run/nginx.pid 2>/dev/null)" != "$old" ]
	}
	wait_until 30 new_master || { echo "no new master"; return 1; }
	web || return 1
	kill -WINCH "$old" && kill -QUIT "$old" || return 1
	gone() { ! kill -0 "$old" 2>/dev/null; }
	wait_until 30 gone || { echo "old master $old still there"; return 1; }
	web && active nginx
}
rotate() {
	logrotate -f /etc/logrotate.d/nginx || return 1
	sleep 1
	web || return 1
	# The master reopened its logs: the new access.log has the requests.
	wait_until 10 test -s /var/log/nginx/access.log ||
		{ ls -l /var/log/nginx; return 1; }
}

# The workload, one check per step.  $1 prefixes the names.
workload() {
	p=$1
	check "${p}nginx-serves-static-and-proxies" web
	check "${p}nginx-reload" sh -c 'systemctl reload nginx && sleep 1' &&
		check "${p}nginx-serves-after-reload" web
	check "${p}nginx-restart" op nginx restart &&
		check "${p}nginx-serves-after-restart" web
	check "${p}nginx-log-rotation" rotate
	check "${p}nginx-binary-upgrade" nginx_upgrade
	check "${p}haproxy-proxies" proxy
	check "${p}haproxy-reload" op haproxy reload &&
		check "${p}haproxy-proxies-after-reload" proxy
	check "${p}haproxy-restart" op haproxy restart &&
		check "${p}haproxy-proxies-after-restart" proxy
	check "${p}postfix-relays" mail
	check "${p}postfix-reload" op postfix reload &&
		check "${p}postfix-relays-after-reload" mail
	check "${p}postfix-restart" op postfix@- restart &&
		check "${p}postfix-relays-after-restart" mail
	check "${p}bind9-answers" dns
	check "${p}bind9-reload" op named reload &&
		check "${p}bind9-answers-after-reload" dns
	check "${p}bind9-restart" op named restart &&
		check "${p}bind9-answers-after-restart" dns
	check "${p}vsftpd-serves" ftp
	check "${p}vsftpd-restart" op vsftpd restart &&
		check "${p}vsftpd-serves-after-restart" ftp
}

units="vsftpd nginx haproxy postfix@- named dmzguard-upstream dmzguard-smtp-sink"
all_up() {
	for u in $units; do
		active "$u" || { echo "$u: $(systemctl is-active "$u")"; return 1; }
	done
}
check "all-daemons-started" wait_until 120 all_up

# events FILE: record every event (not rate-limited, unlike dmesg) into
# FILE until stop_events.
events() {
	dmzguardctl watch > "$1" 2> /run/watch.err &
	watch_pid=$!
	wait_until 30 grep -q watching /run/watch.err
}
# stop_events: the watch must still be running (it saw the whole run),
# and end at once with status 0; watch_ok says whether it did.
stop_events() {
	watch_ok=no
	if ! kill -0 "$watch_pid" 2> /dev/null; then
		wait "$watch_pid"
		echo "dmzguardctl watch ended early: $(cat /run/watch.err)"
		return 1
	fi
	kill -TERM "$watch_pid"
	if wait "$watch_pid"; then
		watch_ok=yes
	else
		echo "dmzguardctl watch ended with status $?: $(cat /run/watch.err)"
		return 1
	fi
}

if [ "${1:-}" = explore ]; then
	for p in nginx:/usr/sbin/nginx haproxy:/usr/sbin/haproxy \
		postfix:/usr/lib/postfix/sbin/master named:/usr/sbin/named \
		ftpd:/usr/sbin/vsftpd; do
		printf 'profile %s {\n\tattach %s\n\tmode complain\n}\n' \
			"${p%%:*}" "${p#*:}"
	done > /run/explore.policy
	dmzguardctl apply /run/explore.policy
	events /run/explore.log
	for u in $units; do systemctl restart "$u"; done
	check "all-daemons-restarted" wait_until 120 all_up
	workload "explore: "
	stop_events
	say "--- events"
	sed 's/^/    /' /run/explore.log > "$res"
	say "--- learned"
	dmzguardctl learn --from /run/explore.log 2>&1 | sed 's/^/    /' > "$res"
	exit 0
fi

# Every shipped profile, strictly, on a system that has every daemon.
check "shipped-profiles-check-strict" \
	dmzguardctl check --strict /usr/share/dmzguard/profiles/*.policy
# confined PROFILE EXE: a task of EXE runs under PROFILE.
confined() {
	dmzguardctl ps | grep -E " $1 +$2\$" ||
		{ dmzguardctl ps; return 1; }
}
check "vsftpd-confined" confined ftpd /usr/sbin/vsftpd
check "nginx-confined" confined nginx /usr/sbin/nginx
check "haproxy-confined" confined haproxy /usr/sbin/haproxy
check "postfix-master-confined" confined postfix /usr/lib/postfix/sbin/master
check "named-confined" confined named /usr/sbin/named

# no_denials FILE [PROFILE]: FILE (watch's records, complete: the watch
# ran throughout) has no denial.
no_denials() {
	[ "$watch_ok" = yes ] || { echo "no complete record of events"; return 1; }
	if grep -E "denied op=[a-z]+ profile=${2:-[^ ]+} " "$1"; then
		return 1
	fi
	echo "$(grep -c . "$1") records, no denial"
}

# The intruder in nginx follows its master into the background only
# while DEMO_BACKDOOR_FORKS is set (then it lives in every nginx
# process); the rest of the suite runs nginx without it.  nginx passes
# no environment to the binary its upgrade starts: a restart plants it.
nginx_forks() {
	d=/run/systemd/system/nginx.service.d
	if [ "$1" = on ]; then
		rm -f $d/no-intruder-forks.conf
	else
		mkdir -p $d &&
			printf '[Service]\nUnsetEnvironment=DEMO_BACKDOOR_FORKS\n' \
				> $d/no-intruder-forks.conf
	fi
	systemctl daemon-reload && op nginx restart
}
# The FTP test's command must not fire again when vsftpd restarts.
rm -f /run/attack
check "nginx-runs-without-the-intruder-for-the-workload" nginx_forks off
events /run/workload.log
workload ""
stop_events
check "workload-sees-no-denial" no_denials /run/workload.log

# The intruder in each daemon: a shell, a bind shell, a connection out,
# a cron job and a module load, each refused, and each refusal logged
# under the daemon's profile (also named's, which runs as user bind:
# dmzguard refuses the cron job before the file system would).
ln -sf "$(modinfo -n dummy)" /run/rootkit.ko
check "nginx-restart-with-the-intruder" nginx_forks on
# has_all TEXT WHY PATTERN...: TEXT has a line matching each PATTERN
# (grep -E); else say WHY and the first one missing.
has_all() {
	text=$1 why=$2
	shift 2
	for want; do
		printf '%s\n' "$text" | grep -Eq "$want" ||
			{ echo "$why: $want"; return 1; }
	done
}
# intruder UNIT TRIGGER TAG PROFILE [silent]: the attack, its report
# (through syslog; "silent" when the profile refuses that channel too),
# and the kernel's records of its refusals since the attack began.
intruder() {
	unit=$1 trigger=$2 tag=$3 profile=$4 silent=${5:-}
	# Only this attack's report and records (the FTP test attacked
	# vsftpd already): the report after the journal's cursor, the
	# kernel's records by their timestamp (a second's margin between
	# the kernel's clock and uptime; the last attack was a minute ago).
	cursor=$(journalctl -n 0 --show-cursor | sed -n 's/^-- cursor: //p')
	read -r since _ < /proc/uptime
	echo "7 rootkit" > "$trigger"
	report() { journalctl -o cat -t "$tag" --after-cursor="$cursor"; }
	records() {
		dmesg | awk -v since="$since" '{
			t = $0; sub(/^\[ */, "", t); sub(/\].*/, "", t)
			if (t + 1 >= since) print }'
	}
	finished() { report | grep -q '^done'; }
	refused_module() {
		records | grep -Eq "dmzguard: denied op=capability profile=$profile .*cap=sys_module"
	}
	if [ -n "$silent" ]; then
		wait_until 60 refused_module || { echo "no module load refused"; return 1; }
		sleep 2
		records | grep -Eq "dmzguard: denied op=connect profile=$profile .*proto=unix dst=(/dev/log|/run/systemd/journal/dev-log)" ||
			{ echo "the report's channel was not refused"; return 1; }
	else
		wait_until 60 finished || { echo "no report from $tag"; return 1; }
		report=$(report)
		echo "$report"
		has_all "$report" "missing" \
			'exec /bin/sh \(a root shell\) +Permission denied' \
			'bind shell on port 6200 +Permission denied' \
			'connect out to 127.0.0.2:4444 \(its server\) +Permission denied' \
			'plant a root cron job \(/etc/cron.d/backdoor\) +Permission denied' \
			'load a kernel module \(the rootkit\) +Operation not permitted' ||
			return 1
	fi
	d="dmzguard: denied op"
	has_all "$(records)" "not logged since the attack" \
		"$d=exec profile=$profile .*target=/usr/bin/(dash|bash)" \
		"$d=bind profile=$profile .*addr=0.0.0.0:6200" \
		"$d=connect profile=$profile .*dst=127.0.0.2:4444" \
		"$d=write profile=$profile .*target=/etc/cron.d/backdoor" \
		"$d=capability profile=$profile .*cap=sys_module"
}
check "vsftpd-intruder-refused-and-logged" \
	intruder vsftpd /run/attack intruder ftpd
# nginx's profile refuses it syslog too: its refusals are all it leaves.
check "nginx-intruder-refused-and-logged" \
	intruder nginx /run/attack-nginx intruder-nginx nginx silent
check "haproxy-intruder-refused-and-logged" \
	intruder haproxy /run/attack-haproxy intruder-haproxy haproxy
check "postfix-intruder-refused-and-logged" \
	intruder postfix /run/attack-postfix intruder-postfix postfix
check "bind9-intruder-refused-and-logged" \
	intruder named /run/attack-named intruder-named named
rm -f /run/attack*
check "nginx-runs-without-the-intruder-for-learning" nginx_forks off

# The learning workflow, as documented: an attach-only profile in
# complain mode, the workload, learn merged into the file, enforce, and
# the same workload again without a denial.
nginx_work() {
	web && systemctl reload nginx && sleep 1 && web &&
		op nginx restart && web && rotate && nginx_upgrade
}
postfix_work() {
	mail && op postfix reload && mail && op postfix@- restart && mail
}
learn_cycle() {
	name=$1 exe=$2 unit=$3 work=$4 shipped=$5
	f=/run/learn-$name.policy
	printf 'profile %s {\n\tattach %s\n\tmode complain\n}\n' "$name" "$exe" > $f
	dmzguardctl load $f || return 1
	events /run/learn-$name.log || return 1
	op "$unit" restart && $work || { stop_events; echo "workload failed while learning"; return 1; }
	stop_events
	dmzguardctl learn --from /run/learn-$name.log --merge $f --write || return 1
	dmzguardctl mode "$name" enforce --file $f &&
		dmzguardctl check --strict $f && dmzguardctl load $f || return 1
	cat $f
	events /run/learned-$name.log || return 1
	op "$unit" restart && $work || {
		stop_events
		echo "workload failed under the learned profile; its records:"
		grep -E "profile=$name " /run/learned-$name.log | tail -n 10
		ps -o pid,ppid,stat,wchan:20,args -C nginx,master 2> /dev/null
		return 1
	}
	stop_events
	no_denials /run/learned-$name.log "$name"
}
check "nginx-learned-profile-passes-the-workload" \
	learn_cycle nginx /usr/sbin/nginx nginx nginx_work \
	/usr/share/dmzguard/profiles/nginx.policy
check "postfix-learned-profile-passes-the-workload" \
	learn_cycle postfix /usr/lib/postfix/sbin/master postfix@- postfix_work \
	/usr/share/dmzguard/profiles/postfix.policy
