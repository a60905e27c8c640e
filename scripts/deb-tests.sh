#!/bin/sh
# Tier deb: the packages as an administrator installs them, on a Debian 12
# root file system (debootstrap, cached) with the headers of a 6.1 and a
# 6.12 kernel: make deb (lintian-clean), then in a chroot:
#   - apt installs both packages; DKMS builds the module for each kernel
#     with headers; the unit is enabled for boot;
#   - the files are where the documentation says, the shipped profiles
#     pass dmzguardctl check --strict, the units pass systemd-analyze;
#   - the Ansible role (ansible-lint clean) deploys a policy through
#     Ansible's chroot connection, seals, and changes nothing a second time;
#   - apt purge leaves no file of either package behind.
# One PASS/FAIL line per check.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 1
CACHE=${DMZG_CACHE:-$HOME/.cache/dmzguard}
MIRROR=${DMZG_MIRROR:-http://deb.debian.org/debian}
root=$top/build/deb-root
rc=0

pass() { echo "PASS $1"; }
fail() { echo "FAIL $1"; shift; for l in "$@"; do echo "    $l"; done; rc=1; }
in_root() { chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin \
	HOME=/root LC_ALL=C.UTF-8 DEBIAN_FRONTEND=noninteractive "$@"; }

DEB_BUILD_OPTIONS=nocheck scripts/deb.sh || exit 1
rels="$(scripts/kernels.sh release 6.1-amd64) $(scripts/kernels.sh release 6.12-amd64)" ||
	{ echo "FAIL kernel-releases"; exit 1; }
pkgs="dkms make gcc kmod systemd python3 ca-certificates vsftpd"
for r in $rels; do pkgs="$pkgs linux-headers-$r"; done
key=$(echo "bookworm $pkgs" | md5sum | cut -c1-12)
tarball=$CACHE/deb-root-$key.tar
umount_all() {
	for m in proc sys dev; do
		mountpoint -q "$root/$m" && umount -l "$root/$m"
	done
	return 0
}
trap umount_all EXIT

# A Debian 12 root with the kernel headers, made once and cached.
if [ ! -f "$tarball" ]; then
	tmp=$top/build/deb-root.new
	umount_all
	rm -rf "$tmp"
	if ! debootstrap --variant=minbase bookworm "$tmp" "$MIRROR" \
		> build/deb-root.log 2>&1; then
		fail "debootstrap" "$(tail -n 5 build/deb-root.log)"
		exit 1
	fi
	rm -f "$tmp/etc/apt/sources.list"
	cp /etc/apt/sources.list.d/*.sources "$tmp/etc/apt/sources.list.d/"
	mount -t proc proc "$tmp/proc"
	# shellcheck disable=SC2086
	if ! chroot "$tmp" /bin/sh -c "apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $pkgs" \
		>> build/deb-root.log 2>&1; then
		umount -l "$tmp/proc"
		fail "root file system" "$(tail -n 5 build/deb-root.log)"
		exit 1
	fi
	umount -l "$tmp/proc"
	mkdir -p "$CACHE"
	tar -C "$tmp" -cf "$tarball.new" . && mv "$tarball.new" "$tarball"
	rm -rf "$tmp"
fi
umount_all
rm -rf "$root"
mkdir -p "$root"
tar -C "$root" -xf "$tarball" || { fail "unpack $tarball"; exit 1; }
mount -t proc proc "$root/proc"
mkdir -p "$root/tmp/debs"
cp build/deb/dmzguard_*.deb build/deb/dmzguard-dkms_*.deb "$root/tmp/debs/"

# Install: DKMS builds the module for every kernel with headers.
if in_root apt-get install -y -q /tmp/debs/dmzguard_0.1.0-1_amd64.deb \
	/tmp/debs/dmzguard-dkms_0.1.0-1_all.deb > build/deb-install.log 2>&1; then
	pass "install"
else
	fail "install" "$(tail -n 15 build/deb-install.log)"
fi
for r in $rels; do
	# Compressed where the kernel compresses its modules (6.12: .ko.xz).
	ko=$(ls "$root/lib/modules/$r/updates/dkms/dmzguard.ko"* 2>/dev/null | head -n 1)
	if [ -n "$ko" ] && modinfo -F vermagic "$ko" 2>/dev/null | grep -q "^$r "; then
		pass "dkms-built-for-$r"
	else
		fail "dkms-built-for-$r" "no module in /lib/modules/$r/updates/dkms" \
			"$(in_root dkms status 2>&1 | head -n 5)"
	fi
done
for f in /usr/sbin/dmzguardctl /usr/libexec/dmzguard/hookprobe \
	/usr/libexec/dmzguard/dmzguard-boot /lib/systemd/system/dmzguard.service \
	/lib/systemd/system/dmzguard-events.service /etc/default/dmzguard \
	/usr/share/man/man8/dmzguardctl.8.gz /usr/share/man/man5/dmzguard.policy.5.gz \
	/usr/share/bash-completion/completions/dmzguardctl \
	/usr/share/dmzguard/profiles/ftp-dmz.policy \
	/etc/systemd/system/sysinit.target.wants/dmzguard.service; do
	# Links are absolute: they point into the root, not the host.
	[ -e "$root$f" ] || [ -L "$root$f" ] || fail "file $f" "not installed"
done
[ -d "$root/etc/dmzguard/policy.d" ] && [ -z "$(ls -A "$root/etc/dmzguard/policy.d")" ] ||
	fail "policy.d" "/etc/dmzguard/policy.d missing or not empty"
[ $rc -eq 0 ] && pass "files"
# This root has none of the daemons but vsftpd: a missing attach path is
# the one warning allowed here (check-daemons checks them --strict on a
# system that has them all).
if out=$(in_root sh -c 'dmzguardctl check /usr/share/dmzguard/profiles/*.policy' 2>&1) &&
	! printf '%s\n' "$out" | grep 'warning:' |
		grep -v "warning: attach path '[^']*' does not exist on this host$"; then
	pass "shipped-profiles-check ($(printf '%s\n' "$out" | tail -n 1))"
else
	fail "shipped-profiles-check" "$out"
fi
if out=$(in_root systemd-analyze verify --man=no /lib/systemd/system/dmzguard.service \
	/lib/systemd/system/dmzguard-events.service 2>&1) && [ -z "$out" ]; then
	pass "units-verify"
else
	fail "units-verify" "$out"
fi

# The Ansible role, through Ansible's chroot connection.
if out=$(cd contrib/ansible && ansible-lint --offline --nocolor 2>&1); then
	pass "ansible-lint"
else
	fail "ansible-lint" "$(echo "$out" | tail -n 10)"
fi
cat > build/deb-site.yml <<P
- name: dmzguard on a Debian root file system
  hosts: all
  roles:
    - role: dmzguard
      vars:
        dmzguard_deb_files:
          - $top/build/deb/dmzguard_0.1.0-1_amd64.deb
          - $top/build/deb/dmzguard-dkms_0.1.0-1_all.deb
        dmzguard_shipped_profiles: [ftp-dmz]
        dmzguard_policy_files: [$top/tests/vm/policy/testd.policy]
        dmzguard_seal: true
        dmzguard_apply: false
P
touch "$root/etc/dmzguard/policy.d/stale.policy"
play() {
	ANSIBLE_ROLES_PATH=$top/contrib/ansible/roles ANSIBLE_NOCOLOR=1 \
		ANSIBLE_HOST_KEY_CHECKING=0 ansible-playbook -i "$root," \
		-c community.general.chroot build/deb-site.yml > "build/deb-ansible-$1.log" 2>&1
}
if play 1 && [ -f "$root/etc/dmzguard/policy.d/ftp-dmz.policy" ] &&
	[ -f "$root/etc/dmzguard/policy.d/testd.policy" ] &&
	[ ! -e "$root/etc/dmzguard/policy.d/stale.policy" ] &&
	grep -qx 'DMZGUARD_SEAL=yes' "$root/etc/default/dmzguard"; then
	pass "ansible-role"
else
	fail "ansible-role" "$(tail -n 15 build/deb-ansible-1.log)" \
		"policy.d: $(ls "$root/etc/dmzguard/policy.d" | tr '\n' ' ')"
fi
if play 2 && grep -q 'changed=0 ' build/deb-ansible-2.log; then
	pass "ansible-role-idempotent"
else
	fail "ansible-role-idempotent" "$(grep -E 'changed:|PLAY RECAP' -A2 build/deb-ansible-2.log | tail -n 10)"
fi

# Purge: nothing of either package stays.
rm -rf "$root/tmp/debs" "$root/var/cache/dmzguard-deploy"
if in_root apt-get purge -y -q dmzguard dmzguard-dkms > build/deb-purge.log 2>&1; then
	left=$(cd "$root" && find . -path ./proc -prune -o -path ./var/lib/dpkg -prune -o \
		-path ./var/log -prune -o -path ./var/cache/apt -prune -o \
		-name '*dmzguard*' -print)
	if [ -z "$left" ]; then
		pass "purge-leaves-nothing"
	else
		fail "purge-leaves-nothing" $left
	fi
else
	fail "purge" "$(tail -n 10 build/deb-purge.log)"
fi
umount_all
exit $rc
