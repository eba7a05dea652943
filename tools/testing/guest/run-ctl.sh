#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# run-ctl.sh: elfk-ctl against the real device, inside the QEMU guest:
#   - typed calls: hello.so declares greet and add with ELFK_EXPORT_TYPED,
#     "call --image" passes greet's length itself and refuses a length ARG;
#   - a failed call or sym names the object and the symbol and says why,
#     as the kernel's answers let elfk-ctl tell (no such symbol, a TLS
#     symbol that is no function, a buffer over max_call_buffer);
#   - --pretty JSON;
#   - batch: the calls of one batch share one task, hence one TLS block of
#     tls.so (1001, 1002), where separate runs each get a fresh one (1001);
#     a failed line stops the batch and is reported with its number;
#     --keep-going runs the rest;
#   - check: for every malformed image, "elfk-ctl check" (the kernel's
#     validator, run in userspace by libelfk) prints exactly what "elfk-ctl
#     load" prints when this kernel refuses it.
# The same output on a fake device is tools/elfk-ctl's "make check".
# Busybox ash; TAP as run-e2e.sh.  Environment: as lib.sh.

set -u

# HERE, ROOT, P, CTL, T and pass, fail, run, ctl, expect, expect_err and
# tap_end come from lib.sh beside this script.
TAG=ctl
. "$(dirname "$0")/lib.sh"

# load NAME FILE [ARGS]: load, ID set on success.
load() {
	_n=$1
	shift
	ctl load "$@"
	ID=
	case $OUT in
	'' | *[!0-9]*) fail "load $_n: prints an id"; return 1 ;;
	esac
	ID=$OUT
	pass "load $_n: prints an id ($ID)"
}

ctl --version
expect_rc_0() { if [ "$RC" = 0 ]; then pass "$1"; else fail "$1"; fi; }
expect_rc_0 "elfk-ctl is on PATH"

if load hello "$P/hello.so"; then
	H=$ID
	ctl call --image "$P/hello.so" hello greet outstr:32
	expect "typed call: greet's length (32) passed by elfk-ctl" 0 "15
arg1: hello from elfk"
	ctl call -i "$P/hello.so" --signed hello greet outstr:8
	expect "typed call: outstr:8 gives len 8 (-E2BIG, \"hello f\")" 0 "-7
arg1: hello f"
	ctl call --image "$P/hello.so" hello greet outstr:32 32
	expect_err "typed call: a length ARG is refused (exit 2)" 2 \
		"greet: 2 ARGs given, the function declares 1 (lengths are passed by elfk-ctl)"
	ctl call --image "$P/hello.so" hello greet str:x
	expect_err "typed call: a kind other than declared is refused" 2 \
		"argument 1: the function declares ELFK_OUT_BUF here"
	ctl call --image "$P/hello.so" hello add 40 2
	expect "typed call: add(ELFK_INT, ELFK_INT)" 0 42
	ctl call --image "$P/hello.so" hello ctor_order
	expect "undeclared function with --image: plain syntax" 0 1234

	ctl call hello no_such_function
	expect_err "failed call names object, symbol and why" 1 \
		"elfk-ctl: call hello no_such_function: object $H (hello) exports no symbol 'no_such_function' (ENOENT)"
	ctl sym hello hello_dt_init
	expect_err "failed sym of a hidden function names object and symbol" 1 \
		"elfk-ctl: sym hello hello_dt_init: object $H (hello) exports no symbol 'hello_dt_init' (ENOENT)"
	ctl call hello greet out:2000000 5
	expect_err "E2BIG explained (max_call_buffer)" 1 \
		"elfk-ctl: call hello greet: a buffer is larger than elfk's max_call_buffer module parameter allows (E2BIG)"
	ctl -j call hello no_such_function
	expect "failed call --json: object, id, symbol" 1 \
		"{\"error\":{\"op\":\"call\",\"target\":\"no_such_function\",\"object\":\"hello\",\"id\":$H,\"symbol\":\"no_such_function\",\"errno\":2,\"errno_name\":\"ENOENT\",\"message\":\"object $H (hello) exports no symbol 'no_such_function'\"}}"
	ctl --pretty call hello add 2 3
	expect "--pretty call" 0 '{
    "ret": 5,
    "out": []
}'
	ctl unload hello
	expect_rc_0 "unload hello"
	ctl call "$H" add 1 2
	expect_err "call of an unloaded id: says there is no such object" 1 \
		"elfk-ctl: call $H add: no object has id $H"
fi

if load tls "$P/tls.so" --name ctltls; then
	ctl call ctltls tls_counter
	expect_err "call of a TLS variable: not a function" 1 \
		"'tls_counter' of object $ID (ctltls) is TLS, not a function (ENOENT)"
	ctl call ctltls tls_inc
	expect "a separate run: a fresh TLS block (1001)" 0 1001
	ctl call ctltls tls_inc
	expect "another separate run: a fresh TLS block again (1001)" 0 1001
	cat >"$T/batch" <<'B'
# one task for every line: one TLS block
call ctltls tls_inc
call ctltls tls_inc   # the same block
call --kthread ctltls tls_inc
call ctltls tls_inc
B
	ctl batch "$T/batch"
	expect "batch: the calls share the task's TLS block (1001 1002, kthread 1001, 1003)" 0 "1001
1002
1001
1003"
	printf 'call ctltls tls_inc\ncall ctltls nope\ncall ctltls tls_inc\n' >"$T/batch2"
	ctl batch "$T/batch2"
	expect "batch stops at a failed line" 1 1001
	expect_err "... and reports its line" 1 "elfk-ctl: batch $T/batch2:2: command failed (exit status 1)"
	ctl batch --keep-going "$T/batch2"
	expect "batch --keep-going runs the rest" 1 "1001
1002"
	run sh -c "printf 'call ctltls tls_inc\ncall ctltls tls_get\n' | $CTL -j batch -"
	expect "batch - --json: one document per command" 0 '{"ret":1001,"out":[]}
{"ret":1001,"out":[]}'
	ctl unload ctltls
	expect_rc_0 "unload ctltls"
fi

# --- check: the kernel's validator in userspace says what LOAD says ---
# For every malformed image (tools/testing/corpus), "elfk-ctl check"
# prints exactly what "elfk-ctl load" prints when the kernel refuses it:
# the same errno and the same log, the kernel's message.
MALFORMED=${ELFK_MALFORMED:-$HERE/malformed}
if [ -d "$MALFORMED" ]; then
	for _f in "$MALFORMED"/*.elf; do
		_b=${_f##*/}
		run "$CTL" check "$_f"
		_crc=$RC
		sed '1s/^elfk-ctl: check /elfk-ctl: load /' "$T/err" >"$T/check.err"
		run "$CTL" load "$_f"
		if [ "$_crc" = 1 ] && [ "$RC" = 1 ] && cmp -s "$T/check.err" "$T/err"; then
			pass "check = LOAD: $_b"
		else
			fail "check = LOAD: $_b" "check exit $_crc: $(tr '\n' '|' <"$T/check.err"); load exit $RC: $(tr '\n' '|' <"$T/err")"
			[ "$RC" = 0 ] && "$CTL" unload "$OUT" >/dev/null 2>&1
		fi
	done
else
	fail "check = LOAD: the malformed corpus" "no directory $MALFORMED"
fi
ctl check "$P/hello.so"
expect "check hello.so: accepted, and LOAD accepts it (above)" 0 "$P/hello.so: accepted by elfk's validator"

tap_end
