#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Build abi_types.c with -g and ask pahole (package dwarves) whether any
# uapi struct has a hole or padding.  Prints one TAP line; skips when
# pahole is not installed.
#
# Usage: check-pahole.sh [CC]

set -u
cd "$(dirname "$0")" || exit 1
CC=${1:-${CC:-cc}}
NAME="pahole finds no hole nor padding in uapi/linux/elfk.h"
STRUCTS="elfk_load elfk_unload elfk_info elfk_sym elfk_call_arg elfk_call"

if ! command -v pahole >/dev/null 2>&1; then
	echo "ok - $NAME # SKIP pahole not installed (apt-get install dwarves)"
	exit 0
fi

OBJ=$(mktemp --suffix=.o) || exit 1
trap 'rm -f "$OBJ"' EXIT
if ! $CC -g -c -I../../../uapi -o "$OBJ" abi_types.c; then
	echo "not ok - $NAME"
	echo "# cannot build abi_types.c"
	exit 1
fi

fail=0
for s in $STRUCTS; do
	out=$(pahole -C "$s" "$OBJ" 2>&1)
	if [ -z "$out" ]; then
		echo "# pahole knows no struct $s"
		fail=1
	elif echo "$out" | grep -Eq 'XXX|holes:|padding:'; then
		echo "# struct $s:"
		echo "$out" | sed 's/^/#   /'
		fail=1
	fi
done

if [ "$fail" = 0 ]; then
	echo "ok - $NAME"
else
	echo "not ok - $NAME"
fi
exit "$fail"
