#!/bin/sh
# Inside the booted Debian 12 system (systemd as PID 1): what an
# administrator checks after installing the packages, enabling the FTP
# profile and rebooting.  One PASS/FAIL line each on the second serial
# port, then DONE and power off.  The intruder is the demo's preloaded
# library inside vsftpd (LD_PRELOAD from a drop-in, as an exploit would
# be); it only touches loopback.
res=/dev/ttyS1
say() { echo "$*" > $res; }
check() {
	name=$1
	shift
	if out=$("$@" 2>&1); then
		say "PASS system: $name"
	else
		say "FAIL system: $name"
		echo "$out" | tail -n 15 | sed 's/^/    /' > $res
	fi
}
k=$(uname -r)

i=0
until systemctl is-active --quiet vsftpd.service || [ $i -ge 120 ]; do
	sleep 1
	i=$((i + 1))
done

check "$k: module-loaded-at-boot" grep -q '^dmzguard ' /proc/modules
check "$k: module-built-by-dkms" sh -c \
	"modinfo -n dmzguard | grep -q '/updates/dkms/dmzguard.ko'"
check "$k: unit-active" systemctl is-active dmzguard.service
# Confined since its start: the policy was in force before vsftpd ran.
confined_since_start() {
	dmzguardctl ps | grep -E ' vsftpd +ftpd +/usr/sbin/vsftpd$' || return 1
	loaded=$(systemctl show -P ActiveEnterTimestampMonotonic dmzguard.service)
	started=$(systemctl show -P ExecMainStartTimestampMonotonic vsftpd.service)
	echo "dmzguard active at $loaded us, vsftpd started at $started us"
	[ "$loaded" -gt 0 ] && [ "$started" -gt "$loaded" ]
}
check "$k: vsftpd-confined-since-start" confined_since_start
download() {
	rm -f /tmp/got
	busybox ftpget -u anonymous -p x 127.0.0.1 /tmp/got hello.txt &&
		cmp /tmp/got /srv/ftp/hello.txt
}
check "$k: ftp-client-downloads" download
# Its report comes back through syslog, the one channel its profile lets
# it open (vsftpd is confined from its first instruction).
intrude() {
	echo "1 basic" > /run/attack
	i=0
	until journalctl -o cat -t intruder | grep -q '^done' || [ $i -ge 30 ]; do
		sleep 1
		i=$((i + 1))
	done
	journalctl -o cat -t intruder
	journalctl -o cat -t intruder |
		grep -q 'exec /bin/sh (a root shell) *Permission denied'
}
check "$k: intruder-shell-refused" intrude
# DMZGUARD_SEAL=yes in /etc/default/dmzguard seals after the load.
sealed_as_configured() {
	dmzguardctl status | grep '^sealed:'
	if grep -qx 'DMZGUARD_SEAL=yes' /etc/default/dmzguard; then
		dmzguardctl status | grep -q '^sealed: yes' &&
			! dmzguardctl load /etc/dmzguard/policy.d/ftp-dmz.policy
	else
		dmzguardctl status | grep -q '^sealed: no'
	fi
}
check "$k: sealed-as-configured" sealed_as_configured
sleep 2
check "$k: denial-in-dmesg" sh -c \
	"dmesg | grep -E 'dmzguard: denied op=exec profile=ftpd .* target=/usr/bin/(dash|bash|sh) '"
check "$k: denial-in-journal" sh -c \
	"journalctl -o cat -t dmzguard DMZGUARD_OP=exec DMZGUARD_PROFILE=ftpd | grep -E '^dmzguard: denied op=exec profile=ftpd '"
check "$k: denial-in-audit-log" sh -c \
	"grep -E 'type=KERNEL_OTHER .*dmzguard=denied op=exec profile=ftpd ' /var/log/audit/audit.log"
# The daemons' suite, when this system was built for it.
if [ -f /etc/dmzguard-test/daemons ]; then
	/usr/local/sbin/dmzguard-daemontest $(cat /etc/dmzguard-test/daemons)
fi
# The events unit stops at once (watch ends on SIGTERM), not after
# systemd's 90 s stop timeout.
stops_promptly() {
	start=$(date +%s)
	systemctl stop dmzguard-events.service || return 1
	took=$(($(date +%s) - start))
	echo "stopped in $took s"
	[ "$took" -lt 10 ] &&
		[ "$(systemctl show -P Result dmzguard-events.service)" = success ]
}
check "$k: events-unit-stops-promptly" stops_promptly
say DONE
systemctl poweroff
