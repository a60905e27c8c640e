#!/bin/sh
# The module's layering: no cycle among kmod/'s files, neither through
# #include "..." nor through calls (a file calls another when its object
# uses a symbol the other's object defines), and no source file longer
# than 700 lines anywhere in the tree.  foo.c and foo.h count as one
# file.  Needs the module built (kmod/*.o).  Prints PASS/FAIL lines.
# Usage: layering.sh [DIR]   (another directory than kmod/, for the
# self-test in scripts/style.sh; the file-length check is then skipped)
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 1
dir=${1:-kmod}
rc=0

# cycle_check NAME : reads "from to" edges on stdin.
cycle_check() {
	edges=$(cat)
	if out=$(printf '%s\n' "$edges" | tsort 2>&1 >/dev/null); then
		echo "PASS layering-$1 ($(printf '%s\n' "$edges" | grep -c .) edges)"
	else
		echo "FAIL layering-$1: a cycle"
		printf '%s\n' "$out" | sed 's/^/    /'
		rc=1
	fi
}

for f in "$dir"/*.c "$dir"/*.h; do
	from=$(basename "$f" | sed 's/\.[ch]$//')
	sed -n 's/^#include "\([^"]*\)\.h".*/\1/p' "$f" |
		grep -v / | while read -r to; do
			[ "$to" = "$from" ] || echo "$from $to"
		done
done | cycle_check includes

objs=$(ls "$dir"/*.o 2>/dev/null | grep -v -e '\.mod\.o$' -e '/dmzguard\.o$')
if [ -z "$objs" ]; then
	echo "FAIL layering-calls: $dir/ is not built"
	rc=1
else
	defs=$(for o in $objs; do
		nm --defined-only -g "$o" | awk -v f="$(basename "$o" .o)" \
			'NF == 3 { print $3, f }'
	done)
	for o in $objs; do
		from=$(basename "$o" .o)
		nm -u "$o" | awk '{ print $2 }' | while read -r sym; do
			printf '%s\n' "$defs" | awk -v s="$sym" -v f="$from" \
				'$1 == s && $2 != f { print f, $2 }'
		done
	done | sort -u | cycle_check calls
fi

[ $# -eq 0 ] || exit $rc
long=$(git ls-files -co --exclude-standard '*.c' '*.h' '*.sh' |
	while read -r f; do
		n=$(wc -l < "$f")
		[ "$n" -le 700 ] || echo "$f: $n lines"
	done)
if [ -n "$long" ]; then
	echo "FAIL source-files-at-most-700-lines"
	printf '%s\n' "$long" | sed 's/^/    /'
	rc=1
else
	echo "PASS source-files-at-most-700-lines"
fi
exit $rc
