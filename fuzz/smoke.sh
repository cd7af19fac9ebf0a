#!/bin/sh
# Runs every libFuzzer target in BUILD/fuzz (default build-fuzz) briefly:
# each seed and each saved corpus input once, then RUNS fuzzing runs
# (default 20000) from a fixed random seed, so that a CI run is the same
# every time (new findings come from fuzz/run.sh's long runs, and each
# becomes a seed). Fails on the first crash, leak or broken property.
# Usage: fuzz/smoke.sh [BUILD [RUNS]]
set -eu
cd "$(dirname "$0")/.."
build=${1:-build-fuzz}
runs=${2:-20000}
mkdir -p "$build/artifacts"
failed=0 n=0
for bin in "$build"/fuzz/fuzz_*; do
	case "$bin" in *.d) continue ;; esac
	t=${bin##*/fuzz_}
	dirs="fuzz/seeds_$t"
	[ -d "$build/corpus_$t" ] && dirs="$dirs $build/corpus_$t"
	# the corpus is only read: -merge and new inputs go to a scratch copy
	scratch=$(mktemp -d)
	log="$build/artifacts/smoke_$t.log"
	if "$bin" -seed=1 -runs="$runs" -max_len="$(fuzz/maxlen.sh "$t")" \
		-artifact_prefix="$build/artifacts/$t-" "$scratch" $dirs \
		>"$log" 2>&1; then
		echo "fuzz-smoke: $t ok ($(sed -n 's/^Done \([0-9]*\) runs.*/\1/p' "$log") runs)"
		n=$((n + 1))
	else
		echo "fuzz-smoke: $t FAILED, see $log" >&2
		tail -n 20 "$log" >&2
		failed=1
	fi
	rm -rf "$scratch"
done
[ "$n" -gt 0 ] || { echo "fuzz-smoke: no targets in $build/fuzz" >&2; exit 1; }
exit $failed
