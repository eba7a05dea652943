#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# run-signed.sh MODE: signed images in a guest whose kernel demands
# signatures (tools/testing/check.sh stage guest-signed-SERIES).  MODE is
#   lockdown  booted with lockdown=integrity: images without a trusted
#             signature are EPERM (security_locked_down())
#   enforce   booted with module.sig_enforce=1: they are EKEYREJECTED
# In both, a signed image loads and runs; unsigned, tampered, wrong-key
# and malformed-trailer images are refused, each with its reason in the
# log.  elfk.ko itself must be signed to get this far.  Busybox ash.
#
# Needs the fixtures tools/testing/guest/mk-signed.sh writes to
# $ELFK_ROOT/signed.
# HERE, ROOT, P, CTL, T and pass, fail, run, ctl, expect, expect_err and
# tap_end come from lib.sh beside this script.
TAG=signed
. "$(dirname "$0")/lib.sh"

S=${ELFK_SIGNED:-$ROOT/signed}
MODE=${1:-}

case $MODE in
lockdown)
	[ -e /sys/kernel/security/lockdown ] ||
		mount -t securityfs securityfs /sys/kernel/security 2>/dev/null
	if grep -q '\[integrity\]' /sys/kernel/security/lockdown 2>/dev/null; then
		pass "kernel locked down (integrity)"
	else
		fail "kernel locked down (integrity)"
	fi
	ERR="Operation not permitted"
	WHY="the kernel is locked down"
	;;
enforce)
	if [ "$(cat /sys/module/module/parameters/sig_enforce 2>/dev/null)" = Y ]; then
		pass "module.sig_enforce is on"
	else
		fail "module.sig_enforce is on"
	fi
	ERR="Key was rejected by service"
	WHY="the kernel enforces module signatures"
	;;
*)
	echo "not ok - signed: usage: run-signed.sh lockdown|enforce"
	exit 1
	;;
esac

ctl load "$S/hello.signed.so" --name signed-hello
if [ "$RC" = 0 ]; then pass "signed image loads"; else fail "signed image loads"; fi
ctl call signed-hello add 40 2
expect "and runs" 0 42
ctl unload signed-hello
if [ "$RC" = 0 ]; then pass "and unloads"; else fail "and unloads"; fi

ctl load "$S/kcalls_rel.signed.o" --name signed-rel
if [ "$RC" = 0 ]; then pass "signed ET_REL object loads"; else fail "signed ET_REL object loads"; fi
ctl unload signed-rel

ctl load "$P/hello.so"
expect_err "unsigned image refused, 'not signed'" 1 "$ERR" \
	"the image is not signed" "$WHY"
ctl load "$S/hello.wrongkey.so"
expect_err "wrong-key image refused, 'key not trusted'" 1 "$ERR" \
	"key not trusted" "$WHY"
ctl load "$S/hello.tampered.so"
expect_err "tampered image refused, 'signature rejected'" 1 \
	"Key was rejected by service" "signature rejected"
ctl load "$S/hello.badtrailer.so"
expect_err "malformed trailer refused" 1 "Bad message" "signature trailer"
ctl load "$S/hello.notpkcs7.so"
expect_err "non-PKCS#7 signature refused" 1 "$ERR" \
	"only PKCS#7" "$WHY"

tap_end
