#!/bin/sh
# Tier 1: dmzguardctl's unit tests, then the policy parser fuzzer for a
# bounded time (seeded with the shipped policies).
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top/userspace" || exit 1
rc=0
if make -s tests/unit_tests > ../build/unit-build.log 2>&1; then
	./tests/unit_tests || rc=1
else
	echo "FAIL unit-build"
	sed 's/^/    /' ../build/unit-build.log | tail -n 30
	rc=1
fi
secs=${DMZG_FUZZ_SECONDS:-30}
if make -s tests/fuzz_policy > ../build/fuzz-build.log 2>&1; then
	corpus=$top/build/fuzz-corpus
	mkdir -p "$corpus"
	cp "$top"/policy/*.policy "$top"/tests/vm/policy/*.policy "$corpus"/
	if ./tests/fuzz_policy -max_total_time="$secs" -max_len=4096 \
		-timeout=10 -rss_limit_mb=2048 -print_final_stats=1 "$corpus" > ../build/fuzz.log 2>&1; then
		echo "PASS fuzz_policy_parser (${secs}s, $(grep -o 'stat::number_of_executed_units: [0-9]*' ../build/fuzz.log | grep -o '[0-9]*$' || echo '?') inputs)"
	else
		echo "FAIL fuzz_policy_parser"
		grep -E 'ERROR|round trip|SUMMARY|==' ../build/fuzz.log | head -n 20 | sed 's/^/    /'
		rc=1
	fi
else
	echo "FAIL fuzz-build"
	sed 's/^/    /' ../build/fuzz-build.log | tail -n 20
	rc=1
fi
exit $rc
