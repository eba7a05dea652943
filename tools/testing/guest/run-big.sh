#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# A valid object with a million relocations (tools/testing/corpus/
# gen-relocs.c) loads without a soft-lockup report (the harness scans the
# kernel log), and the max_relocs cap refuses it before any large
# allocation.
TAG=big
. "$(dirname "$0")/lib.sh"
BIG=$HERE/big-relocs.elf
PARAM=/sys/module/elfk/parameters/max_relocs

start=$(date +%s)
if elfk-ctl load "$BIG" --name big >"$T/out" 2>"$T/err"; then
	pass "an object with 1000000 relocations loads"
	echo "# load took $(($(date +%s) - start)) s"
	[ -d /sys/kernel/debug/elfk ] || mount -t debugfs debugfs /sys/kernel/debug 2>/dev/null
	if grep -qE '^[0-9]+	big	-	live	1	' /sys/kernel/debug/elfk/objects; then
		pass "debugfs lists it"
	else
		cp /sys/kernel/debug/elfk/objects "$T/out" 2>/dev/null
		fail "debugfs lists it"
	fi
	if elfk-ctl unload big >"$T/out" 2>"$T/err"; then pass "and unloads"; else fail "and unloads"; fi
else
	fail "an object with 1000000 relocations loads"
fi

old=$(cat "$PARAM")
echo 1000 >"$PARAM"
elfk-ctl load "$BIG" --name big >"$T/out" 2>"$T/err"
rc=$?
echo "$old" >"$PARAM"
if [ $rc = 1 ] && grep -q 'Argument list too long' "$T/err" &&
	grep -q 'above the max_relocs cap of 1000' "$T/err"; then
	pass "max_relocs=1000 refuses it with E2BIG naming the cap"
else
	fail "max_relocs=1000 refuses it with E2BIG naming the cap (exit $rc)"
fi
tap_end
