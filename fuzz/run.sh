#!/bin/sh
# Runs libFuzzer targets for RUNS executions each (default 10 million), one
# after another at the lowest priority, each on its saved corpus
# (build-fuzz/corpus_NAME) and seeds (fuzz/seeds_NAME). Crashes land in
# build-fuzz/artifacts/; each run's log in build-fuzz/logs/NAME.log, and a
# summary line per target on stdout.
# Usage: fuzz/run.sh [RUNS [NAME...]]   (names as in fuzz/fuzz_NAME.c)
set -eu
cd "$(dirname "$0")/.."
runs=${1:-10000000}
[ $# -gt 0 ] && shift
names=${*:-$(ls fuzz/fuzz_*.c | sed 's|fuzz/fuzz_||; s|\.c$||')}
make --no-print-directory fuzz >/dev/null
out=build-fuzz
mkdir -p "$out/logs" "$out/artifacts"
for t in $names; do
	mkdir -p "$out/corpus_$t"
	log="$out/logs/$t.log"
	cmd="nice -n 19 $out/fuzz/fuzz_$t -runs=$runs -max_len=$(fuzz/maxlen.sh "$t") \
-print_final_stats=1 -artifact_prefix=$out/artifacts/$t- $out/corpus_$t fuzz/seeds_$t"
	start=$(date -u +%Y-%m-%dT%H:%MZ)
	rc=0
	$cmd >"$log" 2>&1 || rc=$?
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
	secs=$(sed -n 's/^Done [0-9]* runs in \([0-9]*\) second.*/\1/p' "$log" | tail -n 1)
	if [ "$rc" = 0 ]; then result=clean; else result="FAILED (exit $rc, see $log)"; fi
	echo "$t: ${execs:-?} executions in ${secs:-?} s, started $start, $result"
	echo "  command: $cmd"
done
