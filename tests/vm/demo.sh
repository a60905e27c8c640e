# The FTP incident, replayed in a VM: a real vsftpd, already running, is
# confined when the policy is loaded; it keeps serving files, and the
# intruder's shell, bind shell, outbound connection and rootkit are refused.
step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
run() { printf '$ %s\n' "$*"; "$@"; }
attack() {
	n=$((n + 1))
	: > /run/attack.log
	rm -f /run/pwned /etc/cron.d/backdoor
	echo "$n $1" > /run/attack
	i=0
	while ! grep -q '^done' /run/attack.log; do
		i=$((i + 1)); [ $i -lt 100 ] || break; sleep 0.1
	done
	grep -v '^done' /run/attack.log
	[ -e /run/pwned ] && echo "  the shell ran: $(cat /run/pwned)"
	[ -e /etc/cron.d/backdoor ] &&
		echo "  cron will run, as root, every minute: $(cat /etc/cron.d/backdoor)"
}
n=0
dmesg -n 1
mkdir -p /srv/ftp /run/vsftpd/empty /var/log /etc/cron.d
echo "quarterly report" > /srv/ftp/report.txt

step "A DMZ host: vsftpd serves anonymous FTP on 127.0.0.1:21"
LD_PRELOAD=/usr/lib/demo-backdoor.so /usr/sbin/vsftpd /etc/vsftpd.conf &
sleep 1
run ftpget -u anonymous -p x 127.0.0.1 /tmp/got.txt report.txt && cat /tmp/got.txt

step "Without dmzguard, an intruder inside vsftpd gets everything"
# The intruder's server, on loopback.
nc -l -p 4444 > /dev/null 2>&1 &
sleep 0.3
attack basic

step "Load dmzguard and the FTP server's policy (vsftpd is already running)"
run insmod /lib/modules/dmzguard.ko
run cat /policy/ftp-dmz.policy
run dmzguardctl load /policy/ftp-dmz.policy
run dmzguardctl ps

step "vsftpd still does its job"
rm -f /tmp/got.txt
run ftpget -u anonymous -p x 127.0.0.1 /tmp/got.txt report.txt && cat /tmp/got.txt

step "The same intruder, now confined"
attack rootkit

step "What the administrator sees in dmesg"
echo '$ dmesg | grep "dmzguard: denied"'
dmesg | grep "dmzguard: denied" | sed 's/^\[[ 0-9.]*\] //'

step "Status"
run dmzguardctl status
echo
