#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# run-policy.sh: elfk's gates that mirror init_module()'s, in a guest booted
# without lockdown or module.sig_enforce (tools/testing/check.sh stage
# guest-signed-SERIES; Documentation/threat-model.rst, "Gates").  Busybox ash.
#
#   caps        uid 0 without CAP_SYS_MODULE: every command is EPERM
#   signatures  not enforced: unsigned and unknown-key images load (as
#               module_sig_check() lets unsigned modules load), a tampered
#               image or a malformed trailer is refused anyway
#   require     require_signature=1 (one-way): only trusted signatures load
#   rmmod       elfk is busy while an object is loaded
#   locked      locked=1 (one-way): every load is EPERM, the rest works
#   unload      rmmod elfk succeeds once nothing is loaded (no leaked
#               module references); runs last, since it removes elfk
#
# Needs the signed fixtures tools/testing/guest/mk-signed.sh writes to
# $ELFK_ROOT/signed and runas beside this script.  The switches it sets
# cannot be turned off: run it in its own boot.
# HERE, ROOT, P, CTL, T and pass, fail, run, ctl, expect, expect_err and
# tap_end come from lib.sh beside this script.
TAG=policy
. "$(dirname "$0")/lib.sh"

S=${ELFK_SIGNED:-$ROOT/signed}
RUNAS=${ELFK_RUNAS:-$HERE/runas}
PARAMS=${ELFK_PARAMS:-/sys/module/elfk/parameters}

# loads NAME FILE: FILE loads and unloads again.
loads() {
	ctl load "$2" --name policy-probe
	if [ "$RC" != 0 ]; then
		fail "$1"
		return
	fi
	ctl unload policy-probe
	if [ "$RC" = 0 ]; then pass "$1"; else fail "$1" "unload failed"; fi
}

# --- capabilities --------------------------------------------------------------
run "$RUNAS" -m "$CTL" load "$S/hello.signed.so"
expect_err "load without CAP_SYS_MODULE (root otherwise): EPERM" 1 "Operation not permitted"
run "$RUNAS" -m "$CTL" list
expect_err "list without CAP_SYS_MODULE: EPERM" 1 "Operation not permitted"

# --- signatures, not enforced ---------------------------------------------------
loads "unsigned image loads when nothing requires signatures" "$P/hello.so"
ctl load "$S/hello.signed.so" --name policy-signed --verbose
if [ "$RC" = 0 ] && cat "$T/out" "$T/err" | grep -q "signature verified"; then
	pass "signed image loads, its signature verified"
else
	fail "signed image loads, its signature verified"
fi
ctl call policy-signed add 40 2
expect "and runs" 0 42
ctl unload policy-signed
ctl load "$S/hello.tampered.so"
expect_err "tampered image refused even when not enforcing: EKEYREJECTED" 1 \
	"Key was rejected by service" "signature rejected"
ctl load "$S/hello.badtrailer.so"
expect_err "malformed signature trailer refused even when not enforcing: EBADMSG" 1 \
	"Bad message" "signature trailer"
ctl load "$S/hello.wrongkey.so" --name policy-probe --verbose
if [ "$RC" = 0 ] && cat "$T/out" "$T/err" | grep -q "key not trusted"; then
	pass "unknown-key image loads when not enforcing, as modules do, with the reason logged"
else
	fail "unknown-key image loads when not enforcing, as modules do, with the reason logged"
fi
ctl unload policy-probe

# --- require_signature ------------------------------------------------------------
if [ "$(cat "$PARAMS/require_signature")" = N ] &&
	echo 1 >"$PARAMS/require_signature" &&
	[ "$(cat "$PARAMS/require_signature")" = Y ]; then
	pass "require_signature: 0 -> 1"
else
	fail "require_signature: 0 -> 1"
fi
if ! { echo 0 >"$PARAMS/require_signature"; } 2>/dev/null &&
	[ "$(cat "$PARAMS/require_signature")" = Y ]; then
	pass "require_signature cannot be turned off"
else
	fail "require_signature cannot be turned off"
fi
ctl load "$P/hello.so"
expect_err "require_signature: unsigned refused with EKEYREJECTED and the reason" 1 \
	"Key was rejected by service" "the image is not signed" "require_signature"
ctl load "$S/hello.wrongkey.so"
expect_err "require_signature: unknown key refused, 'key not trusted'" 1 \
	"Key was rejected by service" "key not trusted" "require_signature"
loads "require_signature: signed image loads" "$S/hello.signed.so"

# --- rmmod with objects loaded ------------------------------------------------------
ctl load "$S/hello.signed.so" --name policy-held
run rmmod elfk
if [ "$RC" != 0 ] && [ -e /dev/elfload ] && [ -d /sys/module/elfk ]; then
	pass "rmmod elfk refused while an object is loaded"
else
	fail "rmmod elfk refused while an object is loaded"
fi
ctl call policy-held add 1 2
expect "the object still runs" 0 3

# --- locked ------------------------------------------------------------------------
if echo 1 >"$PARAMS/locked" && [ "$(cat "$PARAMS/locked")" = Y ]; then
	pass "locked: 0 -> 1"
else
	fail "locked: 0 -> 1"
fi
if ! { echo 0 >"$PARAMS/locked"; } 2>/dev/null && [ "$(cat "$PARAMS/locked")" = Y ]; then
	pass "locked cannot be turned off"
else
	fail "locked cannot be turned off"
fi
ctl load "$S/hello.signed.so"
expect_err "locked: even a signed load is EPERM, with the reason" 1 \
	"Operation not permitted" "elfk is locked"
ctl call policy-held add 2 2
expect "locked: loaded objects still run" 0 4
ctl unload policy-held
if [ "$RC" = 0 ]; then pass "locked: and unload"; else fail "locked: and unload"; fi

# --- rmmod once empty -----------------------------------------------------------------
run rmmod elfk
if [ "$RC" = 0 ] && [ ! -d /sys/module/elfk ]; then
	pass "rmmod elfk once nothing is loaded (no object kept a module reference)"
else
	fail "rmmod elfk once nothing is loaded (no object kept a module reference)"
fi

tap_end
