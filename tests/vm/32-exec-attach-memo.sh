# An unconfined task's exec is remembered too: which profile attached to
# the file, or that none did, so that the next exec of the same file
# resolves no path.  It holds only while the file's name cannot have
# changed and the policy is the same: a file renamed into or out of an
# attach pattern, or a new pattern, is decided on the name again.
. /tests/lib.sh
ensure_loaded
cat > /tmp/attach-memo.policy <<'P'
profile attachd {
	attach /usr/sbin/attachd
	connect allow tcp 127.0.0.1 port 2526
}
P
cp /usr/bin/dmzg-probe /usr/sbin/attachd
cp /usr/bin/dmzg-probe /usr/bin/free-tool
dmzguardctl load /tmp/attach-memo.policy > /dev/null || fail load
# A new port each time, so that no denial is held back as a repeat.
port=3000
confined() {
	port=$((port + 1))
	expect_out "ERR EACCES" "$1" connect tcp 127.0.0.1 $port
	dmesg_has "denied op=connect profile=attachd .*exe=$1 .*dst=127.0.0.1:$port "
	dmesg -c > /dev/null
}
# Unconfined: the refused connect is the kernel's, not a denial.
free() {
	expect_out "OK" "$1" connect tcp 127.0.0.1 3999
	dmesg_lacks "denied .*exe=$1 "
}
dmesg -c > /dev/null
# Three execs of each: the last two of each are remembered.
for i in 1 2 3; do
	confined /usr/sbin/attachd
	free /usr/bin/free-tool
done
# The two files swap names: each is decided by its new one.
mv /usr/sbin/attachd /usr/bin/was-attachd
mv /usr/bin/free-tool /usr/sbin/attachd
mv /usr/bin/was-attachd /usr/bin/free-tool
for i in 1 2; do
	confined /usr/sbin/attachd
	free /usr/bin/free-tool
done
# A new pattern attaches at once, to a file remembered as free.
sed -i 's|attach /usr/sbin/attachd|attach /usr/bin/free-tool|' \
	/tmp/attach-memo.policy
dmzguardctl load /tmp/attach-memo.policy > /dev/null || fail "new pattern"
for i in 1 2; do
	confined /usr/bin/free-tool
	free /usr/sbin/attachd
done
# No policy: nothing attaches, whatever was remembered.
dmzguardctl clear > /dev/null || fail clear
free /usr/bin/free-tool
rm -f /usr/sbin/attachd /usr/bin/free-tool
echo "ok: an unconfined exec is remembered only while it holds"
