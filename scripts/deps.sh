#!/bin/sh
# Installs the Debian packages wirebench needs to build, run and test.
# As root it runs apt-get; otherwise it prints the exact command to run.
# `deps.sh coverage` adds what `make coverage` needs.
set -eu
PKGS="build-essential pkg-config libncurses-dev libreadline-dev libssl-dev \
libcmocka-dev libjansson-dev python3 openssl nginx-light tinyproxy tmux curl \
libcurl4-openssl-dev hyperfine libidn-dev time clang libclang-rt-14-dev \
valgrind"
[ "${1:-}" = coverage ] && PKGS="$PKGS gcovr"
missing=""
for p in $PKGS; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" ||
		missing="$missing $p"
done
[ -z "$missing" ] && exit 0
cmd="apt-get install -y --no-install-recommends$missing"
if [ "$(id -u)" = 0 ]; then
	echo "deps: installing$missing"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq >/dev/null
	$cmd >/dev/null
else
	echo "deps: missing packages:$missing" >&2
	echo "deps: run: sudo $cmd" >&2
	exit 1
fi
