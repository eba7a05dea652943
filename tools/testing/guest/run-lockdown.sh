#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Kernel lockdown: once the kernel is locked down, elfk refuses to load
# unsigned images (tools/testing/guest/run-signed.sh covers signed ones) but
# what is loaded keeps working
# and can be unloaded.  Raising lockdown cannot be undone, so this runs
# last.  Needs CONFIG_SECURITY_LOCKDOWN_LSM (Debian's kernel has it); a
# kernel without it reports a skip.
TAG=lockdown
. "$(dirname "$0")/lib.sh"

[ -e /sys/kernel/security/lockdown ] ||
	mount -t securityfs securityfs /sys/kernel/security 2>/dev/null
if [ ! -w /sys/kernel/security/lockdown ]; then
	echo "ok - lockdown refuses loads # SKIP no lockdown LSM in this kernel"
	exit 0
fi

if elfk-ctl load "$P/hello.so" --name before-lockdown >"$T/out" 2>"$T/err"; then
	pass "load before lockdown"
else
	fail "load before lockdown"
fi
echo integrity >/sys/kernel/security/lockdown
if grep -q '\[integrity\]' /sys/kernel/security/lockdown; then
	pass "kernel locked down (integrity)"
else
	fail "kernel locked down (integrity)"
fi

elfk-ctl load "$P/kcalls.so" >"$T/out" 2>"$T/err"
rc=$?
if [ $rc = 1 ] && grep -q 'Operation not permitted' "$T/err" &&
	grep -q 'the image is not signed, and the kernel is locked down' "$T/err"; then
	pass "load refused under lockdown with EPERM and the reason"
else
	fail "load refused under lockdown with EPERM and the reason (exit $rc)"
fi
if [ "$(elfk-ctl call before-lockdown add 40 2 2>"$T/err")" = 42 ]; then
	pass "an object loaded before lockdown still runs"
else
	fail "an object loaded before lockdown still runs"
fi
if elfk-ctl unload before-lockdown >"$T/out" 2>"$T/err"; then
	pass "and unloads"
else
	fail "and unloads"
fi

# A plugin module built by the SDK with the kernel's key carries a signed
# image too (build-module.sh --examples), so it deploys under lockdown.
M=${ELFK_MODULES:-/elfk/modules}
if [ -f "$M/signed-by-kdir" ]; then
	if insmod "$M/hello_plugin.ko" >"$T/out" 2>"$T/err" &&
		[ "$(elfk-ctl call hello add 40 2 2>"$T/err")" = 42 ]; then
		pass "a signed plugin module with a signed image loads under lockdown"
	else
		dmesg | tail -n 5 >"$T/out"
		fail "a signed plugin module with a signed image loads under lockdown"
	fi
	if rmmod hello_plugin >"$T/out" 2>"$T/err"; then
		pass "and is removed"
	else
		fail "and is removed"
	fi
else
	echo "ok - a signed plugin module loads under lockdown # SKIP no signing key in this kernel's build tree"
fi
tap_end
