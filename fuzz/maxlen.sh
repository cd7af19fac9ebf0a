#!/bin/sh
# The -max_len a target runs with: inputs long enough for its grammar,
# short enough to keep executions fast.
case "$1" in
chunk|response|open) echo 1024 ;;
vars) echo 2048 ;;
*) echo 4096 ;;
esac
