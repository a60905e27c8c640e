# More ways to reach a shell from a confined daemon: a relative path, a
# hard link, a copy on another tmpfs, re-executing itself through
# /proc/self/exe, nested "#!" scripts, a wrapper (env) and a script
# without '#!'.  Every one is refused and logged.
. /tests/lib.sh
ensure_loaded
dmzguardctl load /tests/policy/testd.policy > /dev/null || fail load
start_testd 2121
want() { w=$1; shift; expect_out "$w" dmzg-probe ask 2121 "$@"; }

ln -f /bin/busybox /hardlink-sh || fail "hard link"
mkdir -p /run/other && cp /bin/busybox /run/other/sh
printf '#!/tmp/inner.sh\n' > /tmp/allowed-script.sh
printf '#!/bin/sh\necho pwned\n' > /tmp/inner.sh
printf 'echo no shebang\n' > /tmp/noshebang
chmod +x /tmp/allowed-script.sh /tmp/inner.sh /tmp/noshebang
dmesg -c > /dev/null

want "ERR EACCES" exec bin/busybox sh
want "ERR EACCES" exec /hardlink-sh
want "ERR EACCES" exec /run/other/sh
want "ERR EACCES" exec /proc/self/exe
want "ERR EACCES" exec /tmp/allowed-script.sh
want "ERR EACCES" exec /tmp/noshebang
want "ERR EACCES" exec /bin/env sh
want "ERR EACCES" execveat /hardlink-sh
dmesg_has 'denied op=exec .* target=/hardlink-sh '
dmesg_has 'denied op=exec .* target=/run/other/sh '
dmesg_has 'denied op=exec .* target=/usr/sbin/testd '
dmesg_has 'denied op=exec .* target=/tmp/inner.sh '
stop_testd
dmzguardctl clear > /dev/null
