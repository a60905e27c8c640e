#!/bin/sh
# Tier system: a real Debian 12 system with systemd as PID 1, booted in
# QEMU from a disk image.  On a cached debootstrap root (Debian's 6.1
# kernel, its headers, DKMS, vsftpd, auditd) the two packages from
# make deb are installed with dpkg -i (DKMS builds the module for the
# installed kernel), the FTP profile is enabled, vsftpd gets the demo's
# intruder preloaded, and the system boots: tests/system/systest.sh
# checks what an administrator would (vsftpd confined since its start, a
# real FTP download, the intruder's shell refused, the denial in dmesg,
# the journal and the audit log).  Then Debian's 6.12 kernel and headers
# are installed into the same root, DKMS builds for it from the kernel's
# own hook, and the system boots that kernel, sealed after the load by
# /etc/default/dmzguard, and is checked again.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 1
CACHE=${DMZG_CACHE:-$HOME/.cache/dmzguard}
MIRROR=${DMZG_MIRROR:-http://deb.debian.org/debian}
out=$top/build/system
root=$out/root
rc=0
# DMZG_SYSTEM_SUITES: "system" (make check-system: both kernels), "daemons"
# (make check-daemons: the first kernel), both (the first boot runs both),
# or "explore" (print what learn makes of the daemons' workload).
suites=${DMZG_SYSTEM_SUITES:-system}
case $suites in
*explore*) daemons=explore ;;
*daemons*) daemons=run ;;
*) daemons= ;;
esac

fail() { echo "FAIL $1"; shift; for l in "$@"; do echo "    $l"; done; rc=1; }
in_root() { chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin \
	HOME=/root LC_ALL=C.UTF-8 DEBIAN_FRONTEND=noninteractive "$@"; }
umount_all() {
	for m in proc sys dev; do
		mountpoint -q "$root/$m" 2>/dev/null && umount -l "$root/$m"
	done
	return 0
}
trap umount_all EXIT
mkdir -p "$out"

# The packages make check-deb has just built are reused while no file of
# the tree is newer.
deb=build/deb/dmzguard_0.1.0-1_amd64.deb
if [ ! -f "$deb" ] || [ ! -f build/deb/dmzguard-dkms_0.1.0-1_all.deb ] ||
	[ "$(git ls-files -z --cached --others --exclude-standard |
		xargs -0 sh -c 'for f; do [ "$f" -nt "$0" ] && echo "$f"; done' "$deb" |
		wc -l)" -gt 0 ]; then
	DEB_BUILD_OPTIONS=nocheck scripts/deb.sh > "$out/deb.log" 2>&1 ||
		{ fail "packages" "$(tail -n 10 "$out/deb.log")"; exit 1; }
fi
rel1=$(scripts/kernels.sh release 6.1-amd64) &&
rel2=$(scripts/kernels.sh release 6.12-amd64) || { fail "kernel-releases"; exit 1; }
pkgs="systemd-sysv dkms make gcc kmod linux-image-$rel1 linux-headers-$rel1 \
vsftpd auditd busybox procps python3 ca-certificates libnl-3-200 libnl-genl-3-200 \
nginx haproxy postfix bind9 bind9-dnsutils curl swaks logrotate"
# The upgrade's kernel is downloaded into the root's APT cache once.
key=$(echo "bookworm $pkgs $rel2" | md5sum | cut -c1-12)
tarball=$CACHE/system-root-$key.tar

if [ ! -f "$tarball" ]; then
	tmp=$out/root.new
	rm -rf "$tmp"
	if ! debootstrap --variant=minbase bookworm "$tmp" "$MIRROR" > "$out/root.log" 2>&1; then
		fail "debootstrap" "$(tail -n 5 "$out/root.log")"
		exit 1
	fi
	rm -f "$tmp/etc/apt/sources.list"
	cp /etc/apt/sources.list.d/*.sources "$tmp/etc/apt/sources.list.d/"
	# No daemon of the root starts on the build host.
	printf '#!/bin/sh\nexit 101\n' > "$tmp/usr/sbin/policy-rc.d"
	chmod 755 "$tmp/usr/sbin/policy-rc.d"
	mount -t proc proc "$tmp/proc"
	if ! chroot "$tmp" /bin/sh -c "apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $pkgs && apt-get install -y -q --no-install-recommends --download-only linux-image-$rel2 linux-headers-$rel2" \
		>> "$out/root.log" 2>&1; then
		umount -l "$tmp/proc"
		fail "root-file-system" "$(tail -n 5 "$out/root.log")"
		exit 1
	fi
	umount -l "$tmp/proc"
	rm -f "$tmp/usr/sbin/policy-rc.d"
	tar -C "$tmp" -cf "$tarball.new" . && mv "$tarball.new" "$tarball"
	rm -rf "$tmp"
fi
umount_all
rm -rf "$root"
mkdir -p "$root"
tar -C "$root" -xf "$tarball" || { fail "unpack"; exit 1; }
mount -t proc proc "$root/proc"

# As an administrator would: the packages, the FTP profile, the daemon.
cp build/deb/dmzguard_0.1.0-1_amd64.deb build/deb/dmzguard-dkms_0.1.0-1_all.deb "$root/tmp/"
if in_root dpkg -i /tmp/dmzguard_0.1.0-1_amd64.deb /tmp/dmzguard-dkms_0.1.0-1_all.deb \
	> "$out/install.log" 2>&1; then
	echo "PASS install-with-dpkg"
else
	fail "install-with-dpkg" "$(tail -n 15 "$out/install.log")"
	exit 1
fi
rm -f "$root"/tmp/*.deb
cp "$root/usr/share/dmzguard/profiles/ftp-dmz.policy" "$root/etc/dmzguard/policy.d/"
cp tests/vm/vsftpd.conf "$root/etc/vsftpd.conf"
mkdir -p "$root/srv/ftp"
echo "a file an FTP client downloads" > "$root/srv/ftp/hello.txt"
gcc -shared -fPIC -O2 -Wall -Wextra -Werror -o "$root/usr/lib/demo-backdoor.so" \
	tests/helpers/demo-backdoor.c -lpthread
mkdir -p "$root/etc/systemd/system/vsftpd.service.d"
printf '[Service]\nEnvironment=LD_PRELOAD=/usr/lib/demo-backdoor.so DEMO_BACKDOOR_SYSLOG=1 DEMO_BACKDOOR_MODULE=/run/rootkit.ko\n' \
	> "$root/etc/systemd/system/vsftpd.service.d/intruder.conf"
install -m 755 tests/system/systest.sh "$root/usr/local/sbin/dmzguard-systest"
cp tests/system/dmzguard-systest.service "$root/etc/systemd/system/"
ln -sf /etc/systemd/system/dmzguard-systest.service \
	"$root/etc/systemd/system/multi-user.target.wants/dmzguard-systest.service"
# The daemons' suite (make check-daemons): their configuration, the
# clients' counterparts on loopback, the intruder in each, the profiles.
d=tests/system/daemons
mkdir -p "$root/etc/dmzguard-test"
if [ -n "$daemons" ]; then
	echo "$daemons" > "$root/etc/dmzguard-test/daemons"
	install -m 755 tests/system/daemons.sh "$root/usr/local/sbin/dmzguard-daemontest"
	cp $d/nginx-site.conf "$root/etc/nginx/sites-available/default"
	mkdir -p "$root/srv/www" "$root/srv/upstream" "$root/srv/sink"
	echo "a static page" > "$root/srv/www/index.html"
	echo "an upstream page" > "$root/srv/upstream/index.html"
	cat $d/haproxy-frontend.cfg >> "$root/etc/haproxy/haproxy.cfg"
	cp $d/named.conf.options $d/named.conf.local $d/db.dmz.test "$root/etc/bind/"
	in_root chown nobody:nogroup /srv/sink
	in_root postconf -e 'relayhost = [127.0.0.1]:2525' \
		'inet_interfaces = loopback-only' 'inet_protocols = ipv4' \
		'mydestination =' 'myhostname = mail.dmz.test' \
		'mynetworks = 127.0.0.0/8' \
		"import_environment = $(in_root postconf -h import_environment) \
LD_PRELOAD=/usr/lib/demo-backdoor.so DEMO_BACKDOOR_SYSLOG=1 \
DEMO_BACKDOOR_IN=/master DEMO_BACKDOOR_TRIGGER=/run/attack-postfix \
DEMO_BACKDOOR_TAG=intruder-postfix DEMO_BACKDOOR_MODULE=/run/rootkit.ko \
DEMO_BACKDOOR_FORKS=1" \
		> "$out/postconf.log" 2>&1 ||
		{ fail "postfix-configuration" "$(cat "$out/postconf.log")"; exit 1; }
	for u in dmzguard-upstream dmzguard-smtp-sink; do
		cp "$d/$u.service" "$root/etc/systemd/system/"
		ln -sf "/etc/systemd/system/$u.service" \
			"$root/etc/systemd/system/multi-user.target.wants/"
	done
	# nginx, as postfix's master, forks itself into the background: the
	# intruder follows.
	for u in nginx haproxy named; do
		mkdir -p "$root/etc/systemd/system/$u.service.d"
		printf '[Service]\nEnvironment=LD_PRELOAD=/usr/lib/demo-backdoor.so DEMO_BACKDOOR_SYSLOG=1 DEMO_BACKDOOR_IN=/usr/sbin/%s DEMO_BACKDOOR_TRIGGER=/run/attack-%s DEMO_BACKDOOR_TAG=intruder-%s DEMO_BACKDOOR_MODULE=/run/rootkit.ko%s\n' \
			"$u" "$u" "$u" "$([ $u = nginx ] && echo ' DEMO_BACKDOOR_FORKS=1')" \
			> "$root/etc/systemd/system/$u.service.d/intruder.conf"
	done
	case $daemons in
	explore) ;;
	*)
		for f in nginx haproxy postfix bind9; do
			cp "$root/usr/share/dmzguard/profiles/$f.policy" \
				"$root/etc/dmzguard/policy.d/"
		done ;;
	esac
else
	in_root systemctl disable -q nginx haproxy postfix named
fi
echo dmzguard-test > "$root/etc/hostname"
# The host name resolves locally, as Debian's installer sets it up, and
# the only name server is the system's own: no lookup leaves the VM.
printf '127.0.0.1\tlocalhost\n127.0.1.1\tdmzguard-test\n::1\tlocalhost ip6-localhost ip6-loopback\n' \
	> "$root/etc/hosts"
rm -f "$root/etc/resolv.conf"
echo 'nameserver 127.0.0.1' > "$root/etc/resolv.conf"
# No password prompts, no getty on the test's own serial port.
in_root passwd -d root > /dev/null
ln -sf /dev/null "$root/etc/systemd/system/serial-getty@ttyS1.service"

# boot RELEASE: a disk image of the root, booted with that kernel.
boot() {
	r=$1
	umount_all
	size=$(du -sm "$root" | cut -f1)
	rm -f "$out/disk.img"
	mke2fs -q -t ext4 -d "$root" "$out/disk.img" "$((size + size / 3 + 256))M" \
		> "$out/mke2fs.log" 2>&1 ||
		{ fail "$r: disk-image" "$(tail -n 5 "$out/mke2fs.log")"; return 1; }
	: > "$out/results-$r"
	timeout --foreground 900 qemu-system-x86_64 -accel tcg,thread=single -cpu max \
		-smp 2 -m 2048 -display none -monitor none -no-reboot -nic none \
		-kernel "$root/boot/vmlinuz-$r" -initrd "$root/boot/initrd.img-$r" \
		-drive "file=$out/disk.img,format=raw,if=virtio" \
		-serial "file:$out/console-$r.log" -serial "file:$out/results-$r" \
		-append "root=/dev/vda rw console=ttyS0 audit=1 panic=-1 systemd.show_status=0" \
		< /dev/null > "$out/qemu-$r.log" 2>&1
	tr -d '\r' < "$out/results-$r" | grep -E '^(PASS|FAIL|    )'
	grep -q '^FAIL' "$out/results-$r" && rc=1
	grep -q '^DONE' "$out/results-$r" ||
		fail "$r: booted-and-finished" "$(tr -d '\r' < "$out/console-$r.log" | tail -n 20)"
	# The disk's logs for a look after a failure; then the root again.
	mount -t proc proc "$root/proc"
}
boot "$rel1"
# The daemons' suite alone needs no second kernel.
case $suites in *system*) ;; *) umount_all; exit $rc ;; esac

# A second kernel with its headers: DKMS builds for it from the kernel's
# own postinst hook, nothing run by hand.
if in_root apt-get install -y -q --no-install-recommends "linux-image-$rel2" \
	"linux-headers-$rel2" > "$out/upgrade.log" 2>&1 &&
	ls "$root/lib/modules/$rel2/updates/dkms/dmzguard.ko"* > /dev/null 2>&1; then
	echo "PASS dkms-built-on-kernel-install ($rel2)"
	# The daemons' suite ran on the first kernel; this boot checks the
	# system (with their profiles still in policy.d), and also seals,
	# as /etc/default/dmzguard can ask.
	if [ -n "$daemons" ]; then
		rm -f "$root/etc/dmzguard-test/daemons"
		in_root systemctl disable -q nginx haproxy postfix named \
			dmzguard-upstream dmzguard-smtp-sink 2> /dev/null
	fi
	sed -i 's/^DMZGUARD_SEAL=.*/DMZGUARD_SEAL=yes/' "$root/etc/default/dmzguard"
	boot "$rel2"
else
	fail "dkms-built-on-kernel-install ($rel2)" "$(tail -n 15 "$out/upgrade.log")"
fi
umount_all
exit $rc
