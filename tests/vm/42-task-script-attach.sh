# A daemon written as a script is attached by its script, whatever
# interpreter the kernel ends up running; another script run by the same
# interpreter is not.
. /tests/lib.sh
ensure_loaded
cat > /tmp/script.policy <<'P'
profile scriptd {
	attach /tmp/scriptd.sh
	exec allow /bin/busybox
}
P
printf '#!/bin/sh\nwhile :; do sleep 1; done\n' > /tmp/scriptd.sh
cp /tmp/scriptd.sh /tmp/other.sh
chmod 755 /tmp/scriptd.sh /tmp/other.sh
dmzguardctl load /tmp/script.policy > /dev/null || fail load
/tmp/scriptd.sh &
daemon=$!
/tmp/other.sh &
other=$!
sleep 0.5
dmzguardctl ps > /tmp/script.ps
cat /tmp/script.ps
kill $daemon $other
grep -E -q "^ +$daemon +$daemon +scriptd\.sh +scriptd +/tmp/scriptd\.sh\$" /tmp/script.ps ||
	fail "the script daemon (pid $daemon) is not confined by its script's profile"
grep -E -q "^ +$other " /tmp/script.ps &&
	fail "another script run by the same interpreter was confined"
dmzguardctl clear > /dev/null
echo "ok: a script daemon is attached by its script"
