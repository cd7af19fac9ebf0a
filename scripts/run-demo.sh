#!/bin/sh
# Starts the built-in demo server on a free loopback port and opens the
# workbench on it; the server stops when the workbench exits.
set -eu
wb=${1:-build/wirebench}
log=$(mktemp)
"$wb" --serve 0 >"$log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null; rm -f "$log"' EXIT INT TERM
url=""
for _ in $(seq 1 100); do
	url=$(sed -n 's/.*listening on \(http:[^ ]*\)/\1/p' "$log")
	[ -n "$url" ] && break
	sleep 0.05
done
if [ -z "$url" ]; then
	echo "run: the demo server did not start:" >&2
	cat "$log" >&2
	exit 1
fi
"$wb" "$url"
