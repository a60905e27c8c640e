# dmzguard: build the module and dmzguardctl, run the tests, run the demo.
#
#   make            module (against KDIR) and userspace/dmzguardctl
#   make deps       install the Debian packages everything here needs
#   make check      every test tier; ends with "N passed, N failed, N skipped"
#   make check-unit | check-kunit | check-vm    one tier
#   make check-debug  the VM suite on a KASAN/lockdep/kmemleak kernel
#   make check-mutants  every decision point disabled in turn: all caught
#   make check-kernels  the core VM suite on every supported Debian kernel
#   make check-deb  the packages: lintian, DKMS, the Ansible role, purge
#   make check-system  a booted Debian system: units, FTP, journal, audit
#   make check-daemons  the shipped profiles under Debian's daemons and
#                   real clients, the intruder in each, learning
#   make bench      benchmarks; writes Documentation/performance.rst
#   make profile    guest instructions per operation, function by function
#                   (after make bench); writes performance-profile.rst
#                   (KERNEL=FLAVOUR: on that kernel, performance-FLAVOUR.rst)
#   make style      checkpatch --strict and sparse over kmod/
#   make demo       boot a VM, confine a daemon, show the denials
#   make install    install the module (modules_install, depmod) and CLI
#   make deb        the Debian packages dmzguard and dmzguard-dkms (build/deb)

HOST_KDIR := /lib/modules/$(shell uname -r)/build
DEB_KDIR = $(shell scripts/kernel.sh kdir)
KDIR ?= $(if $(wildcard $(HOST_KDIR)),$(HOST_KDIR),$(DEB_KDIR))
BUILD := build
CACHE ?= $(HOME)/.cache/dmzguard
export DMZG_CACHE := $(CACHE)

all: module userspace

module:
	$(MAKE) -C $(KDIR) M=$(CURDIR) modules

userspace:
	$(MAKE) -C userspace

deps:
	scripts/deps.sh

# Artifacts for the test VM: a module built for the Debian kernel it boots
# and static userspace programs (the VM has no shared libraries).
vm-artifacts: deps vm-helpers
	$(MAKE) -C $(DEB_KDIR) M=$(CURDIR) modules
	$(MAKE) -C $(DEB_KDIR) M=$(CURDIR)/tests/kmod modules
	scripts/initramfs.sh $(BUILD)/initramfs.cpio.gz kmod/dmzguard.ko \
		userspace/dmzguardctl.static $(BUILD)/helpers \
		$$(scripts/kernel.sh modules)

# Static userspace for the VM, whichever kernel it boots.  dmzg-probe is
# built from its command table (probe_main.c) and one file per concern.
PROBE_SRC := $(addprefix tests/helpers/probe_,main.c task.c exec.c file.c \
	net.c escalate.c daemon.c)

vm-helpers:
	$(MAKE) -C userspace dmzguardctl.static hookprobe.static
	mkdir -p $(BUILD)/helpers
	cp userspace/hookprobe.static $(BUILD)/helpers/hookprobe
	$(CC) -static -O2 -Wall -Wextra -Werror -o $(BUILD)/helpers/dmzg-probe \
		$(PROBE_SRC) -lpthread
	$(CC) -static -O2 -Wall -Wextra -Werror $$(pkg-config --cflags libnl-genl-3.0) \
		-o $(BUILD)/helpers/dmzg-nltest tests/helpers/dmzg-nltest.c \
		-lnl-genl-3 -lnl-3 -lpthread -lm
	$(CC) -static -O2 -Wall -Wextra -Werror -o $(BUILD)/helpers/dmzg-bpf-fentry \
		tests/helpers/dmzg-bpf-fentry.c
	$(CC) -static -O2 -Wall -Wextra -Werror -o $(BUILD)/helpers/dmzg-fnv-pair \
		tests/helpers/dmzg-fnv-pair.c
	$(CC) -static -O2 -Wall -Wextra -Werror -o $(BUILD)/helpers/dmzg-auditd \
		tests/helpers/dmzg-auditd.c

check: deps
	scripts/check.sh all

check-unit: deps
	scripts/check.sh unit

check-kunit: deps
	scripts/check.sh kunit

check-vm: deps
	scripts/check.sh vm

# The VM suite again on a KASAN/lockdep/kmemleak kernel built from
# Debian's linux-source (cached), with fault injection.
check-debug: deps
	scripts/check.sh debug

# The mutation check: the module built with each decision point disabled
# in turn (a test-only flag), each caught by its bypass-matrix cases.
check-mutants: deps
	scripts/check.sh mutants

# The core of the VM suite on each supported kernel flavour (6.1 and 6.12,
# amd64, cloud and rt), fetched from the archive and cached; IBT-checked
# where the kernel has IBT.  DMZG_KERNELS="6.12-rt" limits it.
check-kernels: deps
	scripts/check.sh kernels

# The Debian packages installed, built by DKMS, driven by the Ansible role
# and purged, in a Debian 12 root file system (debootstrap, cached).
check-deb: deps
	scripts/check.sh deb

# A Debian 12 system with systemd, booted in QEMU from a disk image: the
# packages installed with dpkg, the FTP profile enabled, checked after boot
# and again after a kernel upgrade.
check-system: deps
	scripts/check.sh system

# The same system with vsftpd, nginx, haproxy, postfix and bind9 under the
# profiles of policy/, driven by real clients; the intruder in each;
# learn for nginx and postfix.
check-daemons: deps
	scripts/check.sh daemons

# Benchmarks (not a test): writes Documentation/performance.rst.
bench: deps
	scripts/bench.sh $(if $(KERNEL),--kernel $(KERNEL))

profile: deps
	scripts/insn-profile.sh

style: deps
	scripts/style.sh

demo: deps vm-artifacts
	scripts/demo.sh

deb: deps
	scripts/deb.sh

install: all
	$(MAKE) -C $(KDIR) M=$(CURDIR) modules_install
	depmod -a
	install -D -m 755 userspace/dmzguardctl $(DESTDIR)/usr/sbin/dmzguardctl
	install -D -m 755 userspace/hookprobe \
		$(DESTDIR)/usr/libexec/dmzguard/hookprobe

clean:
	-$(MAKE) -C $(KDIR) M=$(CURDIR) clean
	$(MAKE) -C userspace clean
	rm -rf $(BUILD)

.PHONY: all module userspace deps vm-artifacts vm-helpers check check-unit \
	check-kunit check-vm check-debug check-mutants check-kernels check-deb \
	check-system check-daemons bench profile \
	style demo \
	deb install clean
