#!/bin/sh
# Builds the libFuzzer targets with clang and runs each for SECONDS
# (default 60). Usage: fuzz/run.sh [SECONDS]
set -eu
cd "$(dirname "$0")/.."
secs=${1:-60}
out=build-fuzz
mkdir -p "$out"
flags="-g -O1 -fsanitize=fuzzer,address,undefined -D_GNU_SOURCE -Isrc $(pkg-config --cflags jansson)"
srcs=$(ls src/*/*.c)
libs="$(pkg-config --libs openssl jansson libidn) -lm"
for t in response lex; do
	clang $flags -o "$out/fuzz_$t" "fuzz/fuzz_$t.c" $srcs $libs
	mkdir -p "$out/corpus_$t"
	"$out/fuzz_$t" -max_total_time="$secs" -max_len=4096 "$out/corpus_$t" \
		fuzz/seeds_$t 2>&1 | tail -n 3
done
