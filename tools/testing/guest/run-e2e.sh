#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# run-e2e.sh: end-to-end test of elfk, run inside the QEMU guest.
#
# Assumes elfk.ko is loaded, elfk-ctl is on PATH (or in ../bin), the example
# plugins are in ../plugins and this script's helpers (runas) sit beside it.
# Written for busybox ash; needs only sh, awk, grep, sed, ls, dmesg, mktemp.
#
# Prints one TAP line per assertion, "ok - NAME" or "not ok - NAME", with
# "# " diagnostics (the command, its exit status and its output) after a
# failure, then a plan line "1..N" and "# N passed, N failed".  Exits 1 if
# anything failed.
#
# Environment (for dry runs on a host; the defaults are the guest's):
#   ELFK_ROOT       tree root (default: the parent of this script's directory)
#   ELFK_PLUGINS    plugin directory (default: $ELFK_ROOT/plugins)
#   ELFK_DEV        device node (default: /dev/elfload)
#   ELFK_CTL        elfk-ctl command (default: elfk-ctl)
#   ELFK_RUNAS      the runas helper (default: runas beside this script)
#   ELFK_LOADFAULT  the loadfault helper (default: loadfault beside this script)
#   ELFK_MALFORMED  malformed-image directory (default: malformed beside this script)
#   ELFK_KMSG       where markers are written (default: /dev/kmsg)
#   ELFK_DMESG      command printing the kernel log (default: dmesg)
#   ELFK_LOOPS      load/unload iterations (default: 20)

set -u

# HERE, ROOT, P, CTL, KMSG, DMESG, T and pass, fail, run, ctl, expect,
# expect_err, mark, since_mark and tap_end come from lib.sh beside this script.
TAG=e2e
. "$(dirname "$0")/lib.sh"
DEV=${ELFK_DEV:-/dev/elfload}
RUNAS=${ELFK_RUNAS:-$HERE/runas}
LOADFAULT=${ELFK_LOADFAULT:-$HERE/loadfault}
MALFORMED=${ELFK_MALFORMED:-$HERE/malformed}
LOOPS=${ELFK_LOOPS:-20}

# --- TAP and command helpers -------------------------------------------------

# expect_rc NAME RC
expect_rc() {
	if [ "$RC" = "$2" ]; then pass "$1"; else fail "$1" "expected exit status $2"; fi
}

# expect_any_err NAME RC TEXT...: exit status, and one of the TEXTs is in
# stderr (strerror texts differ between C libraries).
expect_any_err() {
	_n=$1 _rc=$2
	shift 2
	if [ "$RC" != "$_rc" ]; then
		fail "$_n" "expected exit status $_rc"
		return
	fi
	for _t in "$@"; do
		if grep -qF -- "$_t" "$T/err"; then
			pass "$_n"
			return
		fi
	done
	fail "$_n" "expected in stderr one of: $*"
}

# expect_hex NAME RET K HEX: exit 0, return value RET and out buffer K
# holding HEX (compared without spaces, in lower case).
expect_hex() {
	_got=$(sed -n "s/^arg$3:[[:space:]]*//p" "$T/out" | tr -d ' \t' | tr 'A-F' 'a-f')
	_ret=$(sed -n 1p "$T/out")
	if [ "$RC" != 0 ]; then
		fail "$1" "expected exit status 0"
	elif [ "$_ret" != "$2" ]; then
		fail "$1" "expected return value $2"
	elif [ "$_got" != "$4" ]; then
		fail "$1" "expected arg$3: $4"
	else
		pass "$1"
	fi
}

# is_id TEXT: a positive decimal integer.
is_id() {
	case $1 in
	'' | *[!0-9]* | 0*) return 1 ;;
	esac
	return 0
}

# load NAME FILE [ARG]...: load and check the id; sets ID.
load() {
	_n=$1
	shift
	ctl load "$@"
	ID=
	if [ "$RC" = 0 ] && is_id "$OUT"; then
		ID=$OUT
		pass "load $_n: prints an id ($ID)"
		return 0
	fi
	fail "load $_n: prints an id" "expected exit status 0 and a positive integer on stdout"
	return 1
}

# listed NAME ID: "list" shows NAME and ID on one line.
listed() {
	ctl list
	[ "$RC" = 0 ] && grep -w -- "$1" "$T/out" | grep -qw -- "$2"
}

# list_empty: "list" succeeds and shows no object: no line starts with an id
# and none names an object this script loads.
list_empty() {
	ctl list
	[ "$RC" = 0 ] || return 1
	awk '$1 ~ /^[0-9]+$/ { bad = 1 } END { exit bad }' "$T/out" || return 1
	! grep -Eqw 'hello|fp|fptr|kcalls|weak|noctor|undef|initfail|loop[0-9]*' "$T/out"
}

# --- the kernel log ------------------------------------------------------------

# log_in_order NAME TEXT...: each TEXT appears in the log since the mark, on
# a line after the previous one.
log_in_order() {
	_n=$1
	shift
	since_mark >"$T/log"
	PATS=$(printf '%s\n' "$@")
	export PATS
	LAST="kernel log since the mark"
	RC=0
	cp "$T/log" "$T/out"
	: >"$T/err"
	if awk 'BEGIN { n = split(ENVIRON["PATS"], pat, "\n"); k = 1 }
		k <= n && index($0, pat[k]) { k++ }
		END { exit !(k > n) }' "$T/log"; then
		pass "$_n"
	else
		fail "$_n" "expected, in this order: $(printf '%s|' "$@")"
	fi
}

# log_lacks NAME TEXT: TEXT does not appear in the log since the mark.
log_lacks() {
	since_mark >"$T/log"
	LAST="kernel log since the mark"
	RC=0
	cp "$T/log" "$T/out"
	: >"$T/err"
	if grep -qF -- "$2" "$T/log"; then
		fail "$1" "unexpected in the log: $2"
	else
		pass "$1"
	fi
}

# --- the tests ---------------------------------------------------------------

echo "# elfk end-to-end test: plugins in $P"

# The device.
run ls -ln "$DEV"
# "crw-------    1 0        0   10, 123 ..." : mode, links, uid, gid
# shellcheck disable=SC2086 # split into fields
set -- $OUT
if [ "$RC" = 0 ] && [ "${1:-}" = "crw-------" ] && [ "${3:-}" = 0 ]; then
	pass "$DEV exists, is a character device, mode 0600, owned by root"
else
	fail "$DEV exists, is a character device, mode 0600, owned by root"
fi

run command -v "$CTL"
expect_rc "elfk-ctl is on PATH" 0

if list_empty; then pass "nothing loaded at start"; else fail "nothing loaded at start"; fi

# --- hello: life cycle order, calls, symbols, unload by name ---
mark
if load hello "$P/hello.so"; then
	HELLO=$ID
	if listed hello "$HELLO"; then pass "list shows hello ($HELLO)"; else fail "list shows hello ($HELLO)"; fi
	log_in_order "hello load: DT_INIT, init_array by priority, elfk_init" \
		"elfk: hello: dt_init 1 seq 1" "elfk: hello: ctor 2 seq 12" \
		"elfk: hello: ctor 3 seq 123" "elfk: hello: init 4 seq 1234"
	ctl info hello
	if [ "$RC" = 0 ] && grep -qw hello "$T/out"; then pass "info hello"; else fail "info hello"; fi
	ctl info "$HELLO"
	if [ "$RC" = 0 ] && grep -qw hello "$T/out"; then pass "info by id"; else fail "info by id"; fi

	ctl sym hello add
	if [ "$RC" = 0 ] && echo "$OUT" | grep -Eq '^0x[0-9a-fA-F]+ (0x[0-9a-fA-F]+|[0-9]+) FUNC GLOBAL$'; then
		pass "sym hello add: FUNC GLOBAL"
		# Offsets are from the start of the object's memory: its st_value
		# (the first PT_LOAD is at 0), as listed at build time.
		if [ -r "$P/hello.syms" ]; then
			_want=$(awk '$1 == "add" { print $2, $3 }' "$P/hello.syms")
			# shellcheck disable=SC2086 # split into fields
			set -- $OUT $_want
			if [ $# = 6 ] && [ $(($1)) = $(($5)) ] && [ $(($2)) = $(($6)) ]; then
				pass "sym hello add: offset and size match the image ($_want)"
			else
				fail "sym hello add: offset and size match the image ($_want)"
			fi
		fi
	else
		fail "sym hello add: FUNC GLOBAL" "expected 0x<offset> <size> FUNC GLOBAL"
	fi
	ctl sym hello no_such_symbol
	expect_rc "sym hello no_such_symbol: refused" 1
	ctl sym hello hello_dt_init
	expect_rc "sym of a hidden function: refused" 1

	ctl call hello ctor_order
	expect "call hello ctor_order = 1234 (DT_INIT, init_array by priority, elfk_init)" 0 1234
	ctl call hello add 2 3
	expect "call hello add 2 3 = 5" 0 5
	ctl call hello add 0x10 010
	expect "call hello add 0x10 010 = 24 (base 0)" 0 24
	ctl call hello add 2 -7
	expect "call hello add 2 -7 = 2^64-5 (unsigned)" 0 18446744073709551611
	ctl call --signed hello add 2 -7
	expect "call --signed hello add 2 -7 = -5" 0 -5
	ctl call hello greet outstr:32 32
	expect "call hello greet outstr:32 32 = 15, \"hello from elfk\"" 0 "15
arg1: hello from elfk"
	ctl call --signed hello greet outstr:8 8
	expect "call --signed hello greet outstr:8 8 = -7 (E2BIG), \"hello f\"" 0 "-7
arg1: hello f"
	ctl call hello no_such_function
	expect_rc "call of an unknown function: refused" 1
	ctl call hello ctor_order
	expect "call hello ctor_order again = 1234 (nothing ran twice)" 0 1234

	# Life-cycle entry points run once, at load and unload, never on request
	# (an elfk_exit called here would run again at unload, on freed state).
	mark
	ctl call hello elfk_exit
	expect_err "call hello elfk_exit: refused with EACCES" 1 "Permission denied"
	log_lacks "call hello elfk_exit: the exit function did not run" "elfk: hello: exit"
	ctl call hello elfk_init
	expect_err "call hello elfk_init: refused with EACCES" 1 "Permission denied"
	ctl sym hello elfk_exit
	expect_err "sym hello elfk_exit: refused with EACCES" 1 "Permission denied"
	log_in_order "call hello elfk_exit: the kernel log says why" \
		"hello: 'elfk_exit' is a life-cycle entry point"
	ctl call hello ctor_order
	expect "call hello ctor_order after the refusals = 1234" 0 1234

	mark
	ctl unload hello
	expect_rc "unload hello by name" 0
	log_in_order "hello unload: elfk_exit, fini_array in reverse, DT_FINI" \
		"elfk: hello: exit 5 seq 12345" "elfk: hello: dtor 6 seq 123456" \
		"elfk: hello: dtor 7 seq 1234567" "elfk: hello: dt_fini 8 seq 12345678"
	if listed hello "$HELLO"; then fail "hello is gone after unload"; else pass "hello is gone after unload"; fi
	ctl unload hello
	expect_rc "unload hello again: refused" 1
fi

# --- fptr: relocations, loaded under another name, unload by id ---
if load fptr "$P/fptr.so" --name fp; then
	FP=$ID
	if listed fp "$FP"; then pass "list shows fp ($FP), the --name"; else fail "list shows fp ($FP), the --name"; fi
	ctl call fp dispatch 0 6 7
	expect "call fp dispatch 0 6 7 = 13 (RELATIVE function pointer table)" 0 13
	ctl call fp dispatch 1 6 7
	expect "call fp dispatch 1 6 7 = 42" 0 42
	ctl call fp dispatch 2 6 3
	expect "call fp dispatch 2 6 3 = 5" 0 5
	ctl call fp dispatch 3 6 7
	expect "call fp dispatch 3 6 7 = 6" 0 6
	ctl call --signed fp dispatch 4 6 7
	expect "call fp dispatch 4 = -22 (bounds)" 0 -22
	ctl call fp walk
	expect "call fp walk = 4660 (pointer chains, string table, writable pointer)" 0 4660
	ctl call --signed fp same_global
	expect "call fp same_global = 7 (GLOB_DAT, R_X86_64_64 and PC-relative agree)" 0 7
	ctl call fp bump
	expect "call fp bump = 8 (write through the GOT)" 0 8
	ctl call fp bump
	expect "call fp bump = 9 (state kept between calls)" 0 9
	ctl sym fp fptr_counter
	if [ "$RC" = 0 ] && echo "$OUT" | grep -Eq '^0x[0-9a-fA-F]+ (8|0x8) OBJECT GLOBAL$'; then
		pass "sym fp fptr_counter: 8-byte OBJECT GLOBAL"
	else
		fail "sym fp fptr_counter: 8-byte OBJECT GLOBAL"
	fi
	ctl call fp fptr_counter
	expect_rc "call of a data symbol: refused" 1
	ctl unload "$FP"
	expect_rc "unload fp by id" 0
	if listed fp "$FP"; then fail "fp is gone after unload"; else pass "fp is gone after unload"; fi
fi

# --- kcalls: kernel functions, buffers, allocator, leak report ---
printf '0123456789' >"$T/digits"
printf 'elfk-Test 1' >"$T/mixed"
if load kcalls "$P/kcalls.so"; then
	ctl call kcalls fmt outstr:64 64 255
	expect "call kcalls fmt outstr:64 64 255 (snprintf)" 0 "14
arg1: x=255 hex=0xff"
	ctl call kcalls fmt outstr:64 64 -3
	expect "call kcalls fmt outstr:64 64 -3 (snprintf, negative)" 0 "27
arg1: x=-3 hex=0xfffffffffffffffd"
	ctl call kcalls checksum str:elfk 5
	expect "call kcalls checksum str:elfk 5 = 1051" 0 1051
	ctl call kcalls checksum "in:$T/digits" 10
	expect "call kcalls checksum in:FILE 10 = 2970" 0 2970
	ctl call kcalls slen str:hello
	expect "call kcalls slen str:hello = 5 (strlen)" 0 5
	ctl call --signed kcalls scmp str:abc str:abd
	expect "call kcalls scmp str:abc str:abd = -1 (strcmp)" 0 -1
	ctl call kcalls scmp str:abc str:abc
	expect "call kcalls scmp str:abc str:abc = 0" 0 0
	ctl call kcalls upper "inout:$T/mixed" 11
	expect_hex "call kcalls upper inout:FILE 11: 7 changed, ELFK-TEST 1" 7 1 454c464b2d544553542031
	ctl call kcalls upper out:4 4
	expect_hex "call kcalls upper out:4 4: zeroed out buffer" 0 1 00000000
	ctl call kcalls alloc_test 16
	expect "call kcalls alloc_test 16 = 0 (elfk_malloc zeroed, elfk_free)" 0 0
	ctl call kcalls selftest
	expect "call kcalls selftest = 1023 (every table function)" 0 1023
	ctl call kcalls clock_ok
	expect "call kcalls clock_ok = 1 (ktime_get_ns)" 0 1
	ctl call kcalls leak 100
	expect "call kcalls leak 100 = 0" 0 0
	mark
	ctl unload kcalls
	expect_rc "unload kcalls" 0
	log_in_order "unload kcalls: leak reported" \
		"elfk: kcalls: freed 1 leaked allocation(s) (100 bytes) at unload"
fi

# --- badfree: elfk_free() frees only what the calling object holds ---
# Each refusal is logged as "elfk: NAME: elfk_free() of memory this object
# does not hold ..." and changes no counter; on the debug kernel an
# allocator that read through the pointer first would also be a KASAN
# report in elfk's own code.
BADFREE_MSG="elfk_free() of memory this object does not hold"

# alloc_is NAME OBJ BYTES: "info OBJ" reports alloc_bytes BYTES.
alloc_is() {
	ctl info "$2"
	if [ "$RC" = 0 ] && grep -qx "alloc_bytes: $3" "$T/out"; then
		pass "$1"
	else
		fail "$1" "expected alloc_bytes: $3"
	fi
}

if load badfree "$P/badfree.so" --name badfree; then
	ctl call badfree keep 100
	expect "call badfree keep 100 = 0" 0 0
	alloc_is "badfree holds 100 bytes" badfree 100

	mark
	ctl call badfree double_free 64
	expect "call badfree double_free 64 = 0" 0 0
	log_in_order "double free: refused in the log" "elfk: badfree: $BADFREE_MSG"
	alloc_is "double free: badfree still holds 100 bytes" badfree 100

	printf '%064d' 0 >"$T/zeros64"
	mark
	ctl call badfree free_arg "in:$T/zeros64"
	expect "call badfree free_arg in:FILE = 0" 0 0
	log_in_order "free of a CALL buffer: refused in the log" "elfk: badfree: $BADFREE_MSG"
	alloc_is "free of a CALL buffer: badfree still holds 100 bytes" badfree 100

	if load badfree_user "$P/badfree_user.so" --name bfuser; then
		mark
		ctl call bfuser steal
		expect "call bfuser steal = 0" 0 0
		log_in_order "free of another object's allocation: refused in the log" \
			"elfk: bfuser: $BADFREE_MSG"
		alloc_is "cross-object free: bfuser's counter is untouched" bfuser 0
		alloc_is "cross-object free: badfree still holds 100 bytes" badfree 100
		ctl unload bfuser
		expect_rc "unload bfuser" 0
	fi
	ctl call badfree release
	expect "call badfree release = 0 (the owner frees its allocation)" 0 0
	alloc_is "badfree holds nothing after its own free" badfree 0
	mark
	ctl unload badfree
	expect_rc "unload badfree" 0
	log_lacks "badfree: no leak report" "leaked allocation"
fi

# --- weak ---
if load weak "$P/weak.so"; then
	ctl call weak has_weak
	expect "call weak has_weak = 0 (unknown weak import resolved to 0)" 0 0
	ctl call --signed weak call_weak 5
	expect "call weak call_weak 5 = -2" 0 -2
	ctl call weak weak_defined
	expect "call weak weak_defined = 42" 0 42
	ctl sym weak weak_defined
	if [ "$RC" = 0 ] && echo "$OUT" | grep -Eq ' FUNC WEAK$'; then pass "sym weak weak_defined: FUNC WEAK"; else fail "sym weak weak_defined: FUNC WEAK"; fi
	ctl unload weak
	expect_rc "unload weak" 0
fi

# --- noctor ---
mark
if load noctor "$P/noctor.so"; then
	NC=$ID
	ctl call noctor seed_sum
	expect "call noctor seed_sum = 136" 0 136
	ctl call noctor seed_mix 3 4
	expect "call noctor seed_mix 3 4 = 31" 0 31
	ctl call noctor seed_name outstr:16 16
	expect "call noctor seed_name outstr:16 16 = 5, \"noctr\"" 0 "5
arg1: noctr"
	ctl sym noctor seed_table
	if [ "$RC" = 0 ] && echo "$OUT" | grep -Eq '^0x[0-9a-fA-F]+ (128|0x80) OBJECT GLOBAL$'; then
		pass "sym noctor seed_table: 128-byte OBJECT GLOBAL"
	else
		fail "sym noctor seed_table: 128-byte OBJECT GLOBAL"
	fi
	ctl unload "$NC"
	expect_rc "unload noctor by id" 0
	log_lacks "noctor: no leak report" "leaked allocation"
fi

# --- names: obj<N> is the name of an object loaded without one ---
ctl load "$P/noctor.so" --name obj2
expect_err "load --name obj2: refused with EINVAL (obj<N> is reserved)" 1 \
	"Invalid argument" "name 'obj2' is reserved"
if load noctor "$P/noctor.so" --name nc-a; then
	NCA=$ID
	# The soname "noctor" is free, so a second, unnamed copy is noctor, a
	# third obj<id>; no two objects share a name.
	ctl load "$P/noctor.so"
	NCB=$OUT
	ctl load "$P/noctor.so"
	NCC=$OUT
	ctl list
	if [ "$RC" = 0 ] && [ -z "$(awk '$1 ~ /^[0-9]+$/ { print $2 }' "$T/out" | sort | uniq -d)" ] &&
		grep -qw "obj$NCC" "$T/out"; then
		pass "unnamed loads: noctor, then obj$NCC; names unique"
	else
		fail "unnamed loads: noctor, then obj$NCC; names unique"
	fi
	for _id in "$NCC" "$NCB" "$NCA"; do
		ctl unload "$_id"
	done
fi

# --- refusals ---
mark
ctl load "$P/undef.so"
expect_err "load undef.so: refused with ENOENT and the symbol's name" 1 \
	"elfk-ctl: load $P/undef.so: No such file or directory" \
	"undefined symbol 'no_such_kernel_function'"
log_lacks "undef: no code ran" "elfk: undef: constructor ran"

mark
ctl load "$P/initfail.so"
expect_err "load initfail.so: refused with EINVAL from elfk_init" 1 \
	"elfk-ctl: load $P/initfail.so: Invalid argument"
log_in_order "initfail: constructor, elfk_init, then the destructor still ran" \
	"elfk: initfail: ctor ran" "elfk: initfail: init refusing with -22" \
	"elfk: initfail: dtor ran after ctor"
log_lacks "initfail: no leak report" "leaked allocation"

ctl unload 999999
expect_rc "unload of an unknown id: refused" 1
ctl unload no-such-object
if [ "$RC" != 0 ]; then pass "unload of an unknown name: refused"; else fail "unload of an unknown name: refused"; fi
ctl call 999999 add 1 2
expect_rc "call in an unknown object: refused" 1

if list_empty; then pass "nothing loaded after the unloads and refusals"; else fail "nothing loaded after the unloads and refusals"; fi

# --- load/unload loop ---
_i=0
_bad=
_ids=
while [ "$_i" -lt "$LOOPS" ]; do
	_i=$((_i + 1))
	ctl load "$P/noctor.so" --name "loop$_i"
	if [ "$RC" != 0 ] || ! is_id "$OUT"; then _bad="load $_i"; break; fi
	_id=$OUT
	case " $_ids " in *" $_id "*) _bad="id $_id reused while loaded"; break ;; esac
	ctl call "loop$_i" seed_sum
	if [ "$RC" != 0 ] || [ "$OUT" != 136 ]; then _bad="call $_i"; break; fi
	ctl unload "$_id"
	if [ "$RC" != 0 ]; then _bad="unload $_i"; break; fi
done
if [ -z "$_bad" ]; then pass "load/call/unload $LOOPS times"; else fail "load/call/unload $LOOPS times" "failed at $_bad"; fi
if list_empty; then pass "nothing loaded after the loop"; else fail "nothing loaded after the loop"; fi

# --- privileges ---
if [ -x "$RUNAS" ]; then
	# uid 65534 cannot even open the 0600 root device: EACCES from open(),
	# or EPERM if the node is more permissive than it should be.
	run "$RUNAS" -u 65534 "$CTL" load "$P/hello.so"
	if [ "$RC" != 0 ] && grep -qE 'Operation not permitted|Permission denied' "$T/err"; then
		pass "load as uid 65534: refused (EPERM or EACCES)"
	else
		fail "load as uid 65534: refused (EPERM or EACCES)"
	fi
	run "$RUNAS" -u 65534 "$CTL" list
	if [ "$RC" != 0 ] && grep -qE 'Operation not permitted|Permission denied' "$T/err"; then
		pass "list as uid 65534: refused (EPERM or EACCES)"
	else
		fail "list as uid 65534: refused (EPERM or EACCES)"
	fi
	# uid 0 without CAP_SYS_ADMIN opens the node it owns; the ioctl says EPERM.
	run "$RUNAS" -c "$CTL" load "$P/hello.so"
	expect_err "load without CAP_SYS_ADMIN: EPERM" 1 "Operation not permitted"
	run "$RUNAS" -c "$CTL" list
	expect_err "list without CAP_SYS_ADMIN: EPERM" 1 "Operation not permitted"
	if list_empty; then pass "nothing loaded by the unprivileged attempts"; else fail "nothing loaded by the unprivileged attempts"; fi
else
	LAST="test -x $RUNAS"
	RC=1
	: >"$T/out"
	: >"$T/err"
	fail "privilege tests: $RUNAS is missing"
fi

# --- LOAD results that cannot be written back fail the load ---
if [ -x "$LOADFAULT" ]; then
	run "$LOADFAULT" "$P/noctor.so"
	expect "LOAD with a read-only log buffer or struct elfk_load: EFAULT, nothing loaded" 0 \
		"ro-log: EFAULT, nothing loaded
ro-struct: EFAULT, nothing loaded
rw: loaded"
	if list_empty; then pass "nothing loaded after the faulting loads"; else fail "nothing loaded after the faulting loads"; fi
else
	LAST="test -x $LOADFAULT"
	RC=1
	: >"$T/out"
	: >"$T/err"
	fail "LOAD fault tests: $LOADFAULT is missing"
fi

# --- ET_REL: fptr.c and kcalls.c built with "gcc -c" and "ld -r" ---
if [ -r "$P/fptr_rel.o" ] && load fptr_rel "$P/fptr_rel.o" --name fprel; then
	FPREL=$ID
	ctl call fprel dispatch 1 6 7
	expect "ET_REL: call fprel dispatch 1 6 7 = 42 (R_X86_64_64 function pointer table)" 0 42
	ctl call --signed fprel dispatch 4 6 7
	expect "ET_REL: call fprel dispatch 4 = -22" 0 -22
	ctl call fprel walk
	expect "ET_REL: call fprel walk = 4660 (pointer chains, strings, writable pointer)" 0 4660
	ctl call --signed fprel same_global
	expect "ET_REL: call fprel same_global = 7 (GOT, R_X86_64_64 and PC32 agree)" 0 7
	ctl call fprel bump
	expect "ET_REL: call fprel bump = 8 (write through the GOT)" 0 8
	ctl sym fprel fptr_counter
	if [ "$RC" = 0 ] && echo "$OUT" | grep -Eq '^0x[0-9a-fA-F]+ (8|0x8) OBJECT GLOBAL$'; then
		pass "ET_REL: sym fprel fptr_counter: 8-byte OBJECT GLOBAL"
	else
		fail "ET_REL: sym fprel fptr_counter: 8-byte OBJECT GLOBAL"
	fi
	ctl unload "$FPREL"
	expect_rc "ET_REL: unload fprel" 0
fi
if [ -r "$P/kcalls_rel.o" ] && load kcalls_rel "$P/kcalls_rel.o" --name kcrel; then
	ctl call kcrel slen str:hello
	expect "ET_REL: call kcrel slen str:hello = 5 (strlen through the GOT)" 0 5
	ctl call kcrel checksum str:elfk 5
	expect "ET_REL: call kcrel checksum str:elfk 5 = 1051" 0 1051
	ctl call kcrel selftest
	expect "ET_REL: call kcrel selftest = 1023 (every table function)" 0 1023
	ctl call kcrel alloc_test 16
	expect "ET_REL: call kcrel alloc_test 16 = 0 (__elfk_self, elfk_malloc)" 0 0
	ctl call kcrel clock_ok
	expect "ET_REL: call kcrel clock_ok = 1 (ktime_get_ns)" 0 1
	ctl unload kcrel
	expect_rc "ET_REL: unload kcrel" 0
fi

# --- malformed images (expect.txt: FILE ERRNO_NAME MESSAGE-SUBSTRING...) ---

# strerror_alts ERRNO_NAME: the strerror texts of glibc and musl, '|'-separated.
strerror_alts() {
	case $1 in
	EPERM) echo "Operation not permitted" ;;
	ENOENT) echo "No such file or directory" ;;
	EIO) echo "Input/output error|I/O error" ;;
	E2BIG) echo "Argument list too long" ;;
	ENOEXEC) echo "Exec format error" ;;
	ENOMEM) echo "Cannot allocate memory|Out of memory" ;;
	EFAULT) echo "Bad address" ;;
	EBUSY) echo "Device or resource busy|Resource busy" ;;
	EINVAL) echo "Invalid argument" ;;
	EFBIG) echo "File too large" ;;
	ENOSPC) echo "No space left on device" ;;
	ERANGE) echo "Numerical result out of range|Result not representable" ;;
	EOPNOTSUPP | ENOTSUP) echo "Operation not supported|Not supported" ;;
	EOVERFLOW) echo "Value too large for defined data type|Value too large for data type" ;;
	ENOSYS) echo "Function not implemented" ;;
	*) echo "$1" ;;
	esac
}

if [ -r "$MALFORMED/expect.txt" ]; then
	_count=0
	while IFS= read -r _line || [ -n "$_line" ]; do
		case $_line in '' | '#'*) continue ;; esac
		set -f
		# shellcheck disable=SC2086 # split into fields
		set -- $_line
		set +f
		_file=$1 _errno=${2:-}
		if [ $# -ge 2 ]; then shift 2; else set --; fi
		_msg="$*"
		_count=$((_count + 1))
		ctl load "$MALFORMED/$_file"
		_name="malformed $_file: refused with $_errno${_msg:+, \"$_msg\"}"
		if [ "$RC" != 1 ]; then
			fail "$_name" "expected exit status 1"
			continue
		fi
		_alts=$(strerror_alts "$_errno")
		_found=
		_rest=$_alts
		while [ -n "$_rest" ]; do
			_alt=${_rest%%|*}
			case $_rest in *'|'*) _rest=${_rest#*|} ;; *) _rest= ;; esac
			if grep -qF -- "load $MALFORMED/$_file: $_alt" "$T/err"; then _found=1; fi
		done
		if [ -z "$_found" ]; then
			fail "$_name" "expected in stderr: load $MALFORMED/$_file: $_alts"
		elif [ -n "$_msg" ] && ! grep -qF -- "$_msg" "$T/err"; then
			fail "$_name" "expected in stderr: $_msg"
		else
			pass "$_name"
		fi
	done <"$MALFORMED/expect.txt"
	if [ "$_count" -gt 0 ]; then pass "malformed: $_count images tried"; else fail "malformed: expect.txt lists no image"; fi
	if list_empty; then pass "nothing loaded after the malformed images"; else fail "nothing loaded after the malformed images"; fi
else
	echo "# no $MALFORMED/expect.txt: malformed images skipped"
fi

# --- the end ---
if list_empty; then pass "list is empty at the end"; else fail "list is empty at the end"; fi

tap_end
