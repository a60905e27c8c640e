# Sourced by the long VM tiers (kernels, debug): a passing run is
# remembered under the hash of everything it depends on - every source,
# test and script of the tree (the documentation, the packaging, the
# Ansible role and the system tiers' files aside), the kernel it boots,
# the compiler and QEMU - so that an identical run prints the remembered
# results, each marked "(cached)", instead of taking the same 15 minutes
# again.  Any change to any of those files runs the tier for real.
# DMZG_NO_RESULT_CACHE=1 always runs it.  Only runs without a failure
# are remembered.

RESULT_CACHE=${DMZG_CACHE:-$HOME/.cache/dmzguard}/results

# result_cache_key NAME FACT...: the key of a run of NAME with FACTs (the
# kernel image's hash, the tests selected, ...).
result_cache_key() {
	{
		printf '%s\n' "$@"
		gcc --version | head -n 1
		qemu-system-x86_64 --version | head -n 1
		git ls-files -z --cached --others --exclude-standard -- . \
			':!Documentation' ':!README.md' ':!contrib' ':!debian' \
			':!tests/system' | sort -z | xargs -0 sha256sum 2>&1
	} | sha256sum | cut -c1-24
}

# result_cache_replay KEY: print the remembered results of KEY, if any.
result_cache_replay() {
	[ "${DMZG_NO_RESULT_CACHE:-0}" != 1 ] && [ -s "$RESULT_CACHE/$1" ] ||
		return 1
	sed 's/^\(\(PASS\|SKIP\) .*\)$/\1 (cached)/' "$RESULT_CACHE/$1"
}

# result_cache_store KEY FILE: remember FILE's results if none failed.
result_cache_store() {
	grep -q '^FAIL ' "$2" && return 0
	grep -q '^PASS ' "$2" || return 0
	mkdir -p "$RESULT_CACHE" &&
		grep -E '^(PASS|SKIP) ' "$2" > "$RESULT_CACHE/$1.new" &&
		mv "$RESULT_CACHE/$1.new" "$RESULT_CACHE/$1"
}
