# A profile whose attach pattern matches init never confines PID 1 (a
# denied exec in init would panic the kernel); other matches are confined.
. /tests/lib.sh
ensure_loaded
cat > /tmp/init.policy <<'P'
profile shells {
	attach /bin/busybox
	exec allow /usr/sbin/dmzguardctl
}
P
# This shell gets confined too; the probe, running another executable,
# does not, and clears the policy again.
dmzg-probe script /usr/sbin/dmzguardctl load /tmp/init.policy -- \
	/usr/sbin/dmzguardctl ps -- /usr/sbin/dmzguardctl clear > /tmp/init.ps ||
	fail "load/ps/clear: $(cat /tmp/init.ps)"
cat /tmp/init.ps
grep -q ' shells ' /tmp/init.ps || fail "busybox processes were not confined"
grep -E -q '^ +1 +1 ' /tmp/init.ps && fail "init was confined"
echo "ok: init is never confined"
