#!/bin/sh
# make bench: the keep-alive GET benchmark (see bench/README.md).
exec python3 "$(dirname "$0")/run.py" "$@"
