#!/bin/sh
# The -max_len a target runs with: inputs long enough for its grammar,
# short enough to keep executions fast (the chunk decoder target decodes
# each input five times, in pieces down to single bytes).
case "$1" in
chunk) echo 512 ;;
response|open|curl) echo 1024 ;;
vars) echo 2048 ;;
*) echo 4096 ;;
esac
