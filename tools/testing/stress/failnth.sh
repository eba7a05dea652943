#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# failnth.sh [FAILNTH-ARGS...] PLUGIN...: set up fault injection for a
# fail-nth sweep, run failnth, restore the settings.  Busybox ash.
#
# Configures /sys/kernel/debug/failslab and fail_page_alloc so that every
# slab and page allocation (sleeping ones and order 0 included) is an
# injection point fail-nth can pick, silently: verbose=0, because an
# injected failure otherwise prints a stack trace that the harness's log
# scan (tools/testing/vm/scan-log.sh, "Call Trace") treats as a failure.
# probability stays 0, so nothing fails except the N-th point of the
# thread that armed fail-nth.
#
# Prints TAP; "ok - failnth # SKIP ..." on a kernel without fault
# injection (Debian's stock kernel).

set -u
HERE=$(cd "$(dirname "$0")" && pwd)
D=/sys/kernel/debug

if [ ! -d $D/failslab ]; then
	mount -t debugfs none $D 2>/dev/null
fi
if [ ! -d $D/failslab ] || [ ! -d $D/fail_page_alloc ] ||
	[ ! -e /proc/thread-self/fail-nth ]; then
	echo "ok - failnth # SKIP no fault injection in this kernel (failslab, fail_page_alloc, fail-nth)"
	exit 0
fi

SAVED=
# set FILE VALUE: remember the old value, write the new one.
set_attr() {
	_old=$(cat "$D/$1" 2>/dev/null) || { echo "# failnth.sh: no $D/$1" >&2; return 1; }
	SAVED="$SAVED $1=$_old"
	echo "$2" >"$D/$1"
}

restore() {
	for _kv in $SAVED; do
		echo "${_kv#*=}" >"$D/${_kv%%=*}" 2>/dev/null
	done
}
trap restore EXIT

ok=1
for a in failslab fail_page_alloc; do
	set_attr $a/probability 0 &&
	set_attr $a/verbose 0 &&
	set_attr $a/ignore-gfp-wait N &&
	set_attr $a/task-filter N &&
	set_attr $a/times -1 || ok=0
done
set_attr fail_page_alloc/ignore-gfp-highmem N || ok=0
set_attr fail_page_alloc/min-order 0 || ok=0
if [ $ok != 1 ]; then
	echo "not ok - failnth: could not configure $D/failslab and $D/fail_page_alloc"
	exit 1
fi

"$HERE/failnth" "$@"
rc=$?
trap - EXIT
restore
exit $rc
