#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# A valid object with a million relocations (tools/testing/corpus/
# gen-relocs.c) loads without a soft-lockup report (the harness scans the
# kernel log), and the max_relocs cap refuses it before any large
# allocation.
HERE=$(cd "$(dirname "$0")" && pwd)
BIG=$HERE/big-relocs.elf
PARAM=/sys/module/elfk/parameters/max_relocs
T=$(mktemp -d)
fails=0

ok() { echo "ok - $1"; }
nok() {
	echo "not ok - $1"
	sed 's/^/# /' "$T/err" "$T/out" 2>/dev/null
	fails=$((fails + 1))
}

start=$(date +%s)
if elfk-ctl load "$BIG" --name big >"$T/out" 2>"$T/err"; then
	ok "an object with 1000000 relocations loads"
	echo "# load took $(($(date +%s) - start)) s"
	[ -d /sys/kernel/debug/elfk ] || mount -t debugfs debugfs /sys/kernel/debug 2>/dev/null
	if grep -qE '^[0-9]+	big	-	live	1	' /sys/kernel/debug/elfk/objects; then
		ok "debugfs lists it"
	else
		cp /sys/kernel/debug/elfk/objects "$T/out" 2>/dev/null
		nok "debugfs lists it"
	fi
	if elfk-ctl unload big >"$T/out" 2>"$T/err"; then ok "and unloads"; else nok "and unloads"; fi
else
	nok "an object with 1000000 relocations loads"
fi

old=$(cat "$PARAM")
echo 1000 >"$PARAM"
elfk-ctl load "$BIG" --name big >"$T/out" 2>"$T/err"
rc=$?
echo "$old" >"$PARAM"
if [ $rc = 1 ] && grep -q 'Argument list too long' "$T/err" &&
	grep -q 'above the max_relocs cap of 1000' "$T/err"; then
	ok "max_relocs=1000 refuses it with E2BIG naming the cap"
else
	nok "max_relocs=1000 refuses it with E2BIG naming the cap (exit $rc)"
fi
rm -rf "$T"
[ $fails = 0 ]
