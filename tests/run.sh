#!/bin/bash
# Runs every test against each build directory given (default: build); the
# builds' suites run in parallel (each test starts its own peers on port 0,
# so they do not meet). Unit tests are cmocka binaries; end-to-end,
# differential and TUI tests are programs that print "N passed, N failed" as
# their last line and exit non-zero on failure. Prints each build's lines as
# it finishes and the summed line at the end.
set -u
cd "$(dirname "$0")/.."
dirs=("$@")
[ ${#dirs[@]} -eq 0 ] && dirs=(build)
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:halt_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
# recovery files and history of the runs stay out of the real state folder
export XDG_STATE_HOME="$(mktemp -d)"
trap 'rm -rf "$XDG_STATE_HOME"' EXIT

interp() { case "$1" in *.py) echo python3 ;; *) echo bash ;; esac; }

count() { # name, output file, exit status -> "passed failed name" on stdout
	local p f
	p=$(grep -Eo '^\[  PASSED  \] [0-9]+' "$2" | awk '{s+=$4} END {print s+0}')
	f=$(grep -Eo '^\[  FAILED  \] [0-9]+ test' "$2" | awk '{s+=$4} END {print s+0}')
	if [ "$p" = 0 ] && [ "$f" = 0 ]; then
		local last
		last=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$2" | tail -n 1)
		p=$(echo "$last" | awk '{print $1+0}')
		f=$(echo "$last" | awk '{print $3+0}')
	fi
	if [ "$3" != 0 ] && [ "$f" = 0 ]; then f=1; fi
	echo "$p $f $1"
}

suite() { # build directory -> its result lines in $1/test-logs/results
	local b=$1 log="$1/test-logs" t name
	export WB="$PWD/$b/wirebench"
	# memory bounds are checked on the plain build; ASan's shadow memory
	# and quarantine make peak RSS meaningless under sanitizers
	case "$b" in *san*) export WB_SANITIZED=1 ;; *) unset WB_SANITIZED ;; esac
	rm -rf "$log"
	mkdir -p "$log"
	for t in "$b"/tests/test_*; do
		[ -x "$t" ] || continue
		name=$(basename "$t")
		timeout 300 "$t" >"$log/$name.out" 2>&1
		count "$b: unit/$name" "$log/$name.out" $? >>"$log/results"
	done
	for t in tests/e2e/test_*.py tests/e2e/test_*.sh tests/diff/run_diff.py tests/tui/test_*.py; do
		[ -f "$t" ] || continue
		name=$(echo "$t" | tr '/' '_')
		timeout 900 $(interp "$t") "$t" >"$log/$name.out" 2>&1 </dev/null
		count "$b: $t" "$log/$name.out" $? >>"$log/results"
	done
}

pids=()
for b in "${dirs[@]}"; do
	suite "$b" &
	pids+=($!)
done
passed=0 failed=0 failures=()
for i in "${!dirs[@]}"; do
	wait "${pids[$i]}"
	results="${dirs[$i]}/test-logs/results"
	[ -f "$results" ] || { failed=$((failed + 1)); failures+=("${dirs[$i]}: no results"); continue; }
	while read -r p f name; do
		printf '%-48s %4s passed, %s failed\n' "$name" "$p" "$f"
		passed=$((passed + p))
		failed=$((failed + f))
		[ "$f" != 0 ] && failures+=("$name")
	done <"$results"
done
for f in "${failures[@]+"${failures[@]}"}"; do
	echo "FAILED: $f (log under its build directory's test-logs/)"
done
echo "$passed passed, $failed failed"
[ "$failed" = 0 ] && [ "$passed" -gt 0 ]
