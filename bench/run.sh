#!/bin/sh
# make bench: W1-W5 side by side (see bench/README.md). Extra arguments go
# to run.py (--rounds R, --only W1,W5, --no-profile, --smoke).
exec python3 "$(dirname "$0")/run.py" "$@"
