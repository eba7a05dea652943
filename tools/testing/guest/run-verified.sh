#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# run-verified.sh: verified mode in the guest (Documentation/verified-mode.rst,
# issue 15).  Busybox ash.
#
#   load        vtest.so loads with --verified; list and info say verified;
#               the same image without --verified is an ordinary object
#   call        integers, an IN buffer read with masked loads, an OUT
#               buffer written with masked stores, helpers 0-2
#   fuel        an endless loop and endless recursion end with ETIME and
#               the object stays callable
#   abort       the abort trampoline and a trap bundle end with EFAULT
#   T9          verified_test_ibt: LOAD refuses as on a kernel enforcing IBT
#   escapes     every escape/*.S of tools/testing/verify, linked as a
#               verified image, is refused at LOAD citing its rule
#   life        init and fini entries run through the sandbox, in order;
#               failing ones fail the LOAD or are logged at unload;
#               hostile entries are refused at LOAD; LOAD's entries
#               share one fuel budget (T11)
#   concurrent  two tasks calling one verified object while a third loads
#               and unloads others
#   real        the kernel's LZ4 and xxHash built with VERIFIED=1 give the
#               same results as the same sources built as a plain plugin
#   sha256      the kernel's SHA-256 (lib/crypto/sha256.c), verified and
#               native, gives FIPS 180-2's digests and sha256sum's
#   tls         __thread in a verified plugin (T12): per-task blocks made
#               from the template, persisting across CALLs; a full TLS area
#               fails a CALL with ENOSPC; exited tasks' blocks are reused
#   require     require_verified=1 (one-way, last): unverified loads EPERM
#
# Images: tools/testing/verify/Makefile's guest target, in $HERE/verified.
TAG=verified
. "$(dirname "$0")/lib.sh"

V=${ELFK_VERIFIED:-$HERE/verified}
PARAMS=${ELFK_PARAMS:-/sys/module/elfk/parameters}

# --- load -----------------------------------------------------------------------
mark
ctl load "$V/vtest.so" --verified --name vt --verbose
if [ "$RC" = 0 ] &&
	grep -q "verified: .* instructions, .* [0-9]* bytes of code in [0-9]* ns" "$T/err"; then
	pass "verified load, the verifier's summary and time in the log"
else
	fail "verified load, the verifier's summary and time in the log"
fi
ctl list
if [ "$RC" = 0 ] && grep -q "^ *[0-9]* *vt .*DYN,verified" "$T/out"; then
	pass "list shows the object as verified"
else
	fail "list shows the object as verified"
fi
ctl info vt
if [ "$RC" = 0 ] && grep -qx "verified: yes" "$T/out"; then
	pass "info: verified: yes"
else
	fail "info: verified: yes"
fi
ctl --json info vt
if [ "$RC" = 0 ] && grep -q '"verified":true' "$T/out"; then
	pass "info --json: verified true"
else
	fail "info --json: verified true"
fi

# --- call -----------------------------------------------------------------------
ctl call vt add1 41
expect "add1(41) in the sandbox" 0 42
ctl call vt sum str:abc 3
expect "sum over an IN buffer in the window" 0 294
ctl call vt fill outstr:9 8 65
if [ "$RC" = 0 ] && grep -q "AAAAAAAA" "$T/out"; then
	pass "fill: masked stores reach the OUT buffer, copied back"
else
	fail "fill: masked stores reach the OUT buffer, copied back"
fi
mark
ctl call vt helpers
if [ "$OUT" = 16 ] && since_mark | grep -q "verified: vtest says hello"; then
	pass "helpers 0 and 2: the log helper copies a bounded string out"
else
	fail "helpers 0 and 2: the log helper copies a bounded string out"
fi
ctl call vt copy outstr:8 str:xyz 3
if [ "$RC" = 0 ] && grep -q "xyz" "$T/out"; then
	pass "helper 1 copies inside the window"
else
	fail "helper 1 copies inside the window"
fi
ctl call --signed vt bad_copy out:16
if [ "$RC" = 0 ] && [ "$(head -1 "$T/out")" = -14 ]; then
	pass "helper 1 refuses a source outside the window: -EFAULT"
else
	fail "helper 1 refuses a source outside the window: -EFAULT"
fi
ctl call --kthread vt add1 1
expect_err "--kthread is refused for a verified object: EINVAL" 1 "(EINVAL)" \
	"not supported for verified objects"

# --- fuel -----------------------------------------------------------------------
echo $((1 << 22)) >"$PARAMS/verified_fuel"
ctl call vt spin
expect_err "an endless loop ends with ETIME" 1 "Timer expired"
ctl call vt add1 1
expect "and the object is still callable" 0 2
ctl call vt recurse
expect_err "endless recursion ends with ETIME (the stack re-confines)" 1 "Timer expired"
ctl call vt add1 2
expect "and the object is still callable" 0 3

# --- abort ----------------------------------------------------------------------
mark
ctl call vt give_up
expect_err "a jump to T_ABORT ends with EFAULT" 1 "(EFAULT)" "verified CALL aborted"
ctl call vt trap
expect_err "a masked jump into trap bundles ends with EFAULT" 1 "(EFAULT)" \
	"verified CALL aborted"
if since_mark | grep -q "verified CALL aborted" &&
	! since_mark | grep -q "ffff[0-9a-f]\{12\}"; then
	pass "the abort is logged, without kernel addresses"
else
	fail "the abort is logged, without kernel addresses"
fi
ctl call vt add1 3
expect "and the object is still callable" 0 4

# --- the same image without --verified ------------------------------------------
ctl load "$V/vtest.so" --name vt-plain
if [ "$RC" = 0 ]; then
	ctl info vt-plain
	if grep -qx "verified: no" "$T/out"; then
		pass "without --verified the same image is an ordinary object"
	else
		fail "without --verified the same image is an ordinary object"
	fi
	ctl unload vt-plain
else
	fail "without --verified the same image is an ordinary object"
fi

# --- TLB flushes: one global flush per verified LOAD, none per UNLOAD -------------
# /sys/kernel/debug/elfk/tlb counts elfk's global flushes.  An UNLOAD's
# pages wait for elfk_mem_retire()'s batched flush (one per 2048 pages, or
# 32 objects: a window holds about 260 own pages).  Before, a LOAD flushed
# twice and an UNLOAD once: 3 per cycle.
flushes() {
	sed -n 's/^flushes\t//p' /sys/kernel/debug/elfk/tlb
}
f0=$(flushes)
if [ -n "$f0" ]; then
	i=0
	while [ $i -lt 20 ]; do
		"$CTL" load "$V/vtest.so" --verified --name vt-tlb >/dev/null 2>&1 &&
			"$CTL" unload vt-tlb >/dev/null 2>&1
		i=$((i + 1))
	done
	n=$(($(flushes) - f0))
	if [ "$n" -le 30 ]; then
		pass "20 verified LOAD+UNLOAD cycles: $n global flushes (at most 30)"
	else
		fail "20 verified LOAD+UNLOAD cycles: $n global flushes (at most 30)"
	fi
else
	fail "20 verified LOAD+UNLOAD cycles: no /sys/kernel/debug/elfk/tlb"
fi

# --- T9: a kernel enforcing IBT refuses verified LOADs ----------------------------
# The guests have no CET; verified_test_ibt (kernels with KUnit only) makes
# LOAD take the refusal path a kernel enforcing IBT takes.
if [ -e "$PARAMS/verified_test_ibt" ]; then
	echo 1 >"$PARAMS/verified_test_ibt"
	w_ibt=$(grep -c "sandbox_alloc" /proc/vmallocinfo)
	ctl load "$V/vtest.so" --verified --name vt-ibt
	[ "$RC" = 0 ] && "$CTL" unload vt-ibt >/dev/null 2>&1
	expect_err "T9: IBT enforced: a verified LOAD is EOPNOTSUPP, with the reason" 1 \
		"(EOPNOTSUPP)" "enforces indirect branch tracking" "ibt=off" "(rule T9)"
	if [ "$(grep -c "sandbox_alloc" /proc/vmallocinfo)" = "$w_ibt" ]; then
		pass "T9: the refused LOAD mapped no window"
	else
		fail "T9: the refused LOAD mapped no window"
	fi
	ctl load "$V/vtest.so" --name vt-ibt
	expect_err "T9: IBT enforced: the same image without --verified loads" 0
	[ "$RC" = 0 ] && "$CTL" unload vt-ibt >/dev/null 2>&1
	echo 0 >"$PARAMS/verified_test_ibt"
	ctl load "$V/vtest.so" --verified --name vt-ibt
	expect_err "T9: verified_test_ibt=0: the verified LOAD loads again" 0
	[ "$RC" = 0 ] && "$CTL" unload vt-ibt >/dev/null 2>&1
elif [ -d /sys/module/kunit ]; then
	fail "T9: verified_test_ibt exists in a kernel with KUnit"
else
	echo "# T9: no KUnit in this kernel, so no verified_test_ibt: refusal not exercised"
fi

# --- LOAD time, measured (a diagnostic, not a pass/fail) -------------------------
# now_ms: milliseconds since boot, from /proc/uptime.
now_ms() {
	awk '{ printf "%d\n", $1 * 1000 }' /proc/uptime
}
for mode in plain verified; do
	flag=
	[ $mode = verified ] && flag=--verified
	t0=$(now_ms)
	i=0
	while [ $i -lt 10 ]; do
		"$CTL" load "$V/vtest.so" $flag --name vt-time >/dev/null 2>&1 &&
			"$CTL" unload vt-time >/dev/null 2>&1
		i=$((i + 1))
	done
	echo "# LOAD+UNLOAD of vtest.so, $mode: $(($(now_ms) - t0)) ms for 10"
done

# --- escapes --------------------------------------------------------------------
n=0
bad=0
while read -r name rule; do
	n=$((n + 1))
	run "$CTL" load "$V/escape/$name.so" --verified --name esc
	if [ "$RC" = 0 ]; then
		fail "escape $name refused at LOAD" "it loaded"
		bad=$((bad + 1))
		"$CTL" unload esc >/dev/null 2>&1
	elif ! grep -q "rule $rule" "$T/err"; then
		fail "escape $name refused at LOAD citing rule $rule"
		bad=$((bad + 1))
	fi
done <"$V/escapes.txt"
if [ "$bad" = 0 ] && [ "$n" -gt 100 ]; then
	pass "all $n escapes refused at LOAD, each citing its rule"
else
	fail "all $n escapes refused at LOAD, each citing its rule" "$bad failed"
fi

# --- life cycle (T11): init and fini entries through the sandbox -------------------
# life.so (tools/testing/verify/life/life.c): DT_INIT, two constructors and
# elfk_init() leave 1234 for order(); elfk_exit(), the destructors in
# reverse and DT_FINI say their names through the log helper.
L=$V/life
# The log helper prints through pr_info_ratelimited() (10 lines per 5 s per
# call site) and the checks below count its lines: before each, wait until
# the burst an earlier check used has expired.
quiet_log() {
	sleep 6
}
# windows: vmap()s of the verified runtime still mapped
windows() {
	grep -c "sandbox_alloc" /proc/vmallocinfo
}
w0=$(windows)
echo "# verified windows mapped before: $w0"
ctl load "$L/life.so" --verified --name life
expect_err "life: loads with constructors, destructors, elfk_init and elfk_exit" 0
ctl call life order
expect "life: DT_INIT, DT_INIT_ARRAY in order, then elfk_init ran, each once" 0 1234
ctl call life elfk_init
expect_err "life: CALL of elfk_init is refused: EACCES" 1 "(EACCES)"
ctl call life life_extra
expect_err "life: CALL of an exported constructor is refused: EACCES" 1 "(EACCES)"
ctl call life forget
expect "life: the object clears that constructor's DT_INIT_ARRAY entry" 0 0
ctl call life life_extra
expect_err "life: still refused once the object rewrote its array (LOAD's copy decides)" 1 "(EACCES)"
quiet_log
mark
ctl unload life
expect "life: unload" 0 ""
if [ "$(since_mark | sed -n 's/.*verified: life fini: \([A-Za-z_]*\).*/\1/p' |
	tr '\n' ' ')" = "elfk_exit dtor_b dtor_a DT_FINI " ]; then
	pass "life: elfk_exit, DT_FINI_ARRAY in reverse, DT_FINI ran at unload, in order"
else
	fail "life: elfk_exit, DT_FINI_ARRAY in reverse, DT_FINI ran at unload, in order" \
		"$(since_mark | grep "life fini" | tr '\n' '|')"
fi
quiet_log
mark
ctl load "$L/life_abort.so" --verified --name life
expect_err "life: a constructor that aborts fails the LOAD with EFAULT and says which" 1 \
	"(EFAULT)" "verified: DT_INIT_ARRAY[1] at window offset 0x" "aborted (EFAULT) (rule T11)"
# As for every object whose elfk_init() fails: the destructors run, elfk_exit() does not.
if since_mark | grep -q "verified: life fini: dtor_a" &&
	! since_mark | grep -q "verified: life fini: elfk_exit"; then
	pass "life: after a failed constructor the destructors run, elfk_exit does not"
else
	fail "life: after a failed constructor the destructors run, elfk_exit does not"
fi
ctl load "$L/life_spin.so" --verified --name life
expect_err "life: a constructor that runs out of fuel fails the LOAD with ETIME" 1 \
	"Timer expired" "DT_INIT_ARRAY[1] at window offset 0x" "ran out of fuel (ETIME)"
ctl load "$L/life_err.so" --verified --name life
expect_err "life: elfk_init() returning -ENODEV fails the LOAD with it" 1 \
	"(ENODEV)" "elfk_init() returned -19"
ctl list
# vt is loaded: its window shows that the count sees windows at all.
if ! grep -q " life " "$T/out" && [ "$w0" -ge 1 ] && [ "$(windows)" = "$w0" ]; then
	pass "life: failed LOADs leave no object and no window mapped"
else
	fail "life: failed LOADs leave no object and no window mapped" \
		"windows before $w0, after $(windows)"
fi
ctl load "$L/life_fini_spin.so" --verified --name life
expect_err "life: life_fini_spin.so loads" 0
quiet_log
mark
ctl unload life
expect "life: a destructor that runs out of fuel: unload still succeeds" 0 ""
if since_mark | grep -q "life: verified DT_FINI_ARRAY\[1\] ran out of fuel (ETIME) at unload" &&
	since_mark | grep -q "verified: life fini: DT_FINI" &&
	[ "$(windows)" = "$w0" ]; then
	pass "life: the failed destructor is logged, the next ones run, the window is freed"
else
	fail "life: the failed destructor is logged, the next ones run, the window is freed" \
		"$(since_mark | grep "life" | tr '\n' '|')"
fi
# One budget for all of LOAD's entries (T11): life_fuel.so's eight
# constructors run the same body.  F0: the smallest power of two a CALL
# of that body (burn_one, a whole budget of its own) fits in; with
# verified_fuel = 2 F0 each constructor alone fits, the eight need more
# than 4 F0, so the LOAD runs out of fuel.
fuel0=$(cat "$PARAMS/verified_fuel")
ctl load "$L/life_fuel.so" --verified --name lfuel
expect_err "life: life_fuel.so loads with verified_fuel=$fuel0" 0
ctl call lfuel ran
expect "life: its eight constructors ran" 0 8
F=1024
while [ $F -le "$fuel0" ]; do
	echo $F >"$PARAMS/verified_fuel"
	"$CTL" call lfuel burn_one >/dev/null 2>&1 && break
	F=$((F * 2))
done
ctl unload lfuel
echo "# life_fuel: one constructor's body fits in $F fuel units, not in $((F / 2))"
if [ $F -gt 1024 ] && [ $F -le $((fuel0 / 8)) ]; then
	pass "life: one constructor's body needs between 2^10 and verified_fuel/8 units"
else
	fail "life: one constructor's body needs between 2^10 and verified_fuel/8 units" "$F"
fi
echo $((F * 2)) >"$PARAMS/verified_fuel"
ctl load "$L/life_fuel.so" --verified --name lfuel
[ "$RC" = 0 ] && "$CTL" unload lfuel >/dev/null 2>&1
expect_err "life: eight constructors that each fit in verified_fuel but not together: ETIME" 1 \
	"Timer expired" "DT_INIT_ARRAY[" "ran out of fuel (ETIME) (rule T11)"
echo "$fuel0" >"$PARAMS/verified_fuel"
# Hostile entries (life/bad_*.S): refused at LOAD, nothing of theirs runs.
n=0
bad=0
while read -r name text; do
	n=$((n + 1))
	run "$CTL" load "$L/$name.so" --verified --name lbad
	if [ "$RC" = 0 ]; then
		fail "life: $name refused at LOAD" "it loaded"
		bad=$((bad + 1))
		"$CTL" unload lbad >/dev/null 2>&1
	elif ! grep -qF -- "$text" "$T/err"; then
		fail "life: $name refused at LOAD with: $text" "$(cat "$T/err")"
		bad=$((bad + 1))
	fi
done <"$V/life-bad.txt"
if [ "$bad" = 0 ] && [ "$n" -ge 6 ]; then
	pass "life: all $n hostile init/fini entries refused at LOAD, each with its message"
else
	fail "life: all $n hostile init/fini entries refused at LOAD, each with its message" \
		"$bad failed"
fi

# --- concurrency ------------------------------------------------------------------
caller() {
	i=0
	while [ $i -lt 40 ]; do
		"$CTL" call vt sum str:abc 3 >>"$T/calls.$1" 2>&1 || echo "FAILED $?" >>"$T/calls.$1"
		i=$((i + 1))
	done
}
loader() {
	i=0
	while [ $i -lt 10 ]; do
		"$CTL" load "$V/vtest.so" --verified --name vt2 >/dev/null 2>>"$T/loads" &&
			"$CTL" call vt2 add1 1 >>"$T/loads" 2>&1 &&
			"$CTL" unload vt2 >/dev/null 2>>"$T/loads" || echo "FAILED" >>"$T/loads"
		"$CTL" load "$P/hello.so" --name plain2 >/dev/null 2>>"$T/loads" &&
			"$CTL" unload plain2 >/dev/null 2>>"$T/loads" || echo "FAILED" >>"$T/loads"
		i=$((i + 1))
	done
}
caller 1 &
c1=$!
caller 2 &
c2=$!
loader &
l=$!
wait $c1 $c2 $l
if [ "$(grep -c '^294$' "$T/calls.1")" = 40 ] &&
	[ "$(grep -c '^294$' "$T/calls.2")" = 40 ] && ! grep -q FAILED "$T/loads"; then
	pass "two tasks call one verified object while others load and unload"
else
	fail "two tasks call one verified object while others load and unload" \
		"$(cat "$T/calls.1" "$T/calls.2" "$T/loads" | grep -v '^294$' | head -5)"
fi

ctl unload vt
expect "unload" 0 ""

# --- real code: the kernel's LZ4 and xxHash, verified and native -----------------
# real.so is tools/testing/verify/real/real.c with lib/lz4 and lib/xxhash.c
# built by the SDK with VERIFIED=1; real-native.so is the same sources as an
# ordinary plugin.  The same inputs must give the same outputs in the
# sandbox and out of it, and the sandbox's compression must round-trip.
R=$V/real
if [ -f "$R/real.so" ]; then
	run "$CTL" load "$R/real.so" --verified --name real
	rc_v=$RC
	run "$CTL" load "$R/real-native.so" --name real-native
	if [ "$rc_v" = 0 ] && [ "$RC" = 0 ]; then
		pass "real code: LZ4 and xxHash load verified and native"
	else
		fail "real code: LZ4 and xxHash load verified and native"
	fi
	for f in text random zero; do
		in=$R/$f.in
		len=$(wc -c <"$in")
		cap=$((len + len / 255 + 16))
		# The work area is LZ4_MEM_COMPRESS: 16416 bytes on 64-bit.
		for o in real real-native; do
			ctl call --signed "$o" lz4_compress "in:$in" \
				"out:$cap:$T/$f.$o.lz4" "$len" "$cap" "out:16416:$T/wrk"
			echo "$RC $OUT" >"$T/$f.$o.ret"
			ctl call --hex "$o" xxh64_hash "in:$in" "$len" 7
			echo "$RC $OUT" >"$T/$f.$o.xxh"
		done
		clen=$(cut -d' ' -f2 "$T/$f.real.ret")
		if [ "$(cut -d' ' -f1 "$T/$f.real.ret")" = 0 ] && [ "$clen" -gt 0 ] &&
			cmp -s "$T/$f.real.ret" "$T/$f.real-native.ret" &&
			cmp -s "$T/$f.real.lz4" "$T/$f.real-native.lz4"; then
			pass "real code: LZ4 compression of $f.in ($len bytes), verified = native"
		else
			fail "real code: LZ4 compression of $f.in ($len bytes), verified = native" \
				"$(cat "$T/$f.real.ret" "$T/$f.real-native.ret" | tr '\n' '|')"
		fi
		if grep -q "^0 0x" "$T/$f.real.xxh" &&
			cmp -s "$T/$f.real.xxh" "$T/$f.real-native.xxh"; then
			pass "real code: xxh64 of $f.in, verified = native"
		else
			fail "real code: xxh64 of $f.in, verified = native" \
				"$(cat "$T/$f.real.xxh" "$T/$f.real-native.xxh" | tr '\n' '|')"
		fi
		head -c "$clen" "$T/$f.real.lz4" >"$T/$f.cut.lz4"
		ctl call --signed real lz4_decompress "in:$T/$f.cut.lz4" \
			"out:$len:$T/$f.back" "$clen" "$len"
		if [ "$RC" = 0 ] && [ "$OUT" = "$len" ] && cmp -s "$in" "$T/$f.back"; then
			pass "real code: the sandbox decompresses $f.in back"
		else
			fail "real code: the sandbox decompresses $f.in back"
		fi
	done
	ctl unload real
	expect "real code: unload the verified object" 0 ""
	ctl unload real-native
	expect "real code: unload the native object" 0 ""
else
	fail "real code: no real.so (the guest image was built without linux-source)"
fi

# --- real code: the kernel's SHA-256, verified and native -------------------------
# lib/crypto/sha256.c in real.so (VERIFIED=1) and real-native.so: FIPS
# 180-2's "abc" and million-'a' digests, and a MiB of random bytes hashed
# in 64 KiB chunks (the state travels in CALL buffers: a verified CALL's
# buffers hold 192 KiB) against busybox's sha256sum.
hexof() {
	od -An -tx1 -v "$1" | tr -d ' \n'
}
if [ -f "$R/real.so" ]; then
	run "$CTL" load "$R/real.so" --verified --name sha
	rc_v=$RC
	run "$CTL" load "$R/real-native.so" --name sha-native
	if [ "$rc_v" = 0 ] && [ "$RC" = 0 ]; then
		pass "real code: SHA-256 loads verified and native"
	else
		fail "real code: SHA-256 loads verified and native"
	fi
	head -c 1048576 /dev/urandom >"$T/mib"
	mib=$(sha256sum "$T/mib" | cut -d' ' -f1)
	for o in sha sha-native; do
		ctl call "$o" sha256_digest str:abc 3 "out:32:$T/abc.$o"
		h=$(hexof "$T/abc.$o")
		if [ "$RC" = 0 ] &&
			[ "$h" = ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad ]; then
			pass "real code: $o: sha256(\"abc\") is FIPS 180-2's digest"
		else
			fail "real code: $o: sha256(\"abc\") is FIPS 180-2's digest" "$h"
		fi
		ctl call "$o" sha256_repeat 97 1000000 500 "out:32:$T/a.$o"
		h=$(hexof "$T/a.$o")
		if [ "$RC" = 0 ] &&
			[ "$h" = cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0 ]; then
			pass "real code: $o: sha256 of a million 'a' is FIPS 180-2's digest"
		else
			fail "real code: $o: sha256 of a million 'a' is FIPS 180-2's digest" "$h"
		fi
		ctl call "$o" sha256_begin "out:104:$T/st"
		bad=$RC
		i=0
		while [ $i -lt 16 ]; do
			dd if="$T/mib" of="$T/chunk" bs=65536 skip=$i count=1 2>/dev/null
			ctl call "$o" sha256_add "in:$T/st" "out:104:$T/st2" "in:$T/chunk" 65536
			[ "$RC" = 0 ] || bad=$RC
			mv "$T/st2" "$T/st"
			i=$((i + 1))
		done
		ctl call "$o" sha256_end "in:$T/st" "out:32:$T/mib.$o"
		h=$(hexof "$T/mib.$o")
		if [ "$bad" = 0 ] && [ "$RC" = 0 ] && [ "$h" = "$mib" ]; then
			pass "real code: $o: sha256 of 1 MiB in 64 KiB chunks = sha256sum"
		else
			fail "real code: $o: sha256 of 1 MiB in 64 KiB chunks = sha256sum" \
				"$h, sha256sum $mib"
		fi
	done
	ctl unload sha
	expect "real code: unload the verified SHA-256 object" 0 ""
	ctl unload sha-native
	expect "real code: unload the native SHA-256 object" 0 ""
else
	fail "real code: no real.so for SHA-256 (the guest image was built without linux-source)"
fi

# --- thread-local storage (T12): per-task blocks in the window ---------------------
# Each vt_task is one elfk-ctl batch process (one task) reading commands
# from a FIFO, so that it stays alive, holding its block, between CALLs.
vt_task() {
	rm -f "$T/tf.$1"
	mkfifo "$T/tf.$1"
	# without the other tasks' FIFO ends: closing one must end its task
	"$CTL" batch - --keep-going <"$T/tf.$1" >"$T/to.$1" 2>"$T/te.$1" \
		4>&- 5>&- 6>&- 7>&- &
	eval "vt_pid_$1=\$!"
	eval "exec $2>\"\$T/tf.\$1\""
}
# vt_wait N LINES: wait (30 s at most) until task N has printed LINES lines.
vt_wait() {
	i=0
	while [ "$(cat "$T/to.$1" 2>/dev/null | grep -c .)" -lt "$2" ] &&
		! grep -q . "$T/te.$1" 2>/dev/null && [ $i -lt 300 ]; do
		sleep 0.1
		i=$((i + 1))
	done
}
vt_out() {
	tr '\n' ' ' <"$T/to.$1"
}
TV=$V/tls
if [ -f "$TV/tls.so" ] && [ -f "$TV/tls_big.so" ]; then
	ctl load "$TV/tls.so" --verified --name vtls --verbose
	if [ "$RC" = 0 ] && grep -q "TLS area at window offset 0x[0-9a-f]*: 16 blocks" "$T/err"; then
		pass "tls: a verified image with PT_TLS loads, its TLS area in the log"
	else
		fail "tls: a verified image with PT_TLS loads, its TLS area in the log"
	fi
	vt_task 1 4
	vt_task 2 5
	echo "call vtls tls_fresh" >&4
	echo "call vtls tls_bump 5" >&4
	vt_wait 1 2
	echo "call vtls tls_get" >&5
	echo "call vtls tls_fresh" >&5
	echo "call vtls tls_bump 7" >&5
	vt_wait 2 3
	echo "call vtls tls_bump 1" >&4
	echo "call vtls tls_calls_get" >&4
	vt_wait 1 4
	echo "call vtls tls_get" >&5
	vt_wait 2 4
	exec 4>&- 5>&-
	wait $vt_pid_1 $vt_pid_2
	# 0x1234 = 4660: the template's tls_counter
	if [ "$(vt_out 1)" = "1 4665 4666 2 " ] && [ "$(vt_out 2)" = "4660 1 4667 4667 " ]; then
		pass "tls: two tasks see separate blocks, made from the template, persisting across CALLs"
	else
		fail "tls: two tasks see separate blocks, made from the template, persisting across CALLs" \
			"task 1: $(vt_out 1)$(cat "$T/te.1"); task 2: $(vt_out 2)$(cat "$T/te.2")"
	fi
	ctl call vtls tls_fresh
	expect "tls: a new task's first CALL sees the template and a zeroed .tbss" 0 1
	ctl unload vtls
	expect "tls: unload vtls" 0 ""

	# 60000 bytes of .tbss: four blocks fill the 256 KiB area
	ctl load "$TV/tls_big.so" --verified --name vtlsb --verbose
	if [ "$RC" = 0 ] && grep -q "TLS area at window offset 0x[0-9a-f]*: 4 blocks" "$T/err"; then
		pass "tls: tls_big.so loads with four blocks"
	else
		fail "tls: tls_big.so loads with four blocks"
	fi
	for n in 1 2 3 4; do
		vt_task $n $((n + 3))
		echo "call vtlsb tls_bump $n" >&$((n + 3))
	done
	for n in 1 2 3 4; do vt_wait $n 1; done
	if [ "$(vt_out 1)$(vt_out 2)$(vt_out 3)$(vt_out 4)" = "4661 4662 4663 4664 " ]; then
		pass "tls: four live tasks own the four blocks"
	else
		fail "tls: four live tasks own the four blocks" \
			"$(vt_out 1)$(vt_out 2)$(vt_out 3)$(vt_out 4)"
	fi
	mark
	ctl call vtlsb tls_bump 9
	if [ "$RC" != 0 ] && grep -q "No space left on device" "$T/err" &&
		since_mark | grep -q "vtlsb: verified TLS area full (4 blocks of [0-9]* bytes, each owned by a live task): entry refused with ENOSPC (rule T12)"; then
		pass "tls: a fifth task's CALL fails with ENOSPC and a log line"
	else
		fail "tls: a fifth task's CALL fails with ENOSPC and a log line" \
			"rc $RC: $(cat "$T/err"); $(since_mark | grep -i tls | tail -2)"
	fi
	exec 5>&-
	wait $vt_pid_2
	ctl call vtlsb tls_fresh
	expect "tls: task 2 exited: a new task gets its block, fresh from the template" 0 1
	ctl call vtlsb tls_bump 9
	expect "tls: and so does the next one (the last task's block, taken back)" 0 4669
	exec 4>&- 6>&- 7>&-
	wait $vt_pid_1 $vt_pid_3 $vt_pid_4
	ctl unload vtlsb
	expect "tls: unload vtlsb while its blocks' tasks are gone" 0 ""
	ctl load "$TV/tls_big.so" --verified --name vtlsb
	vt_task 2 5
	echo "call vtlsb tls_bump 2" >&5
	vt_wait 2 1
	ctl unload vtlsb
	exec 5>&-
	wait $vt_pid_2
	if [ "$(vt_out 2)" = "4662 " ] && [ "$RC" = 0 ]; then
		pass "tls: reload, a CALL, unload with a live task holding a block (kmemleak: the harness's scan)"
	else
		fail "tls: reload, a CALL, unload with a live task holding a block" "$(vt_out 2) rc $RC"
	fi

	# hand-written images: refused at LOAD (tls-bad.txt: NAME TEXT) ...
	while read -r name text; do
		ctl load "$TV/$name.so" --verified --name vtbad
		expect_err "tls: $name refused at LOAD" 1 "$text"
		[ "$RC" = 0 ] && ctl unload vtbad
	done <"$V/tls-bad.txt"
	# ... and a TLS word pointed at a kernel address: contained (T12, K7)
	ctl load "$TV/hostile_word.so" --verified --name vthw
	printf 'call vthw smash\ncall vthw get\ncall vthw peek\n' >"$T/hw.batch"
	ctl batch "$T/hw.batch"
	if [ "$RC" = 0 ] && [ "$(tr '\n' ' ' <"$T/out")" = "0 5 7 " ]; then
		pass "tls: a TLS word overwritten with a kernel address: the store stays in the window, the next entry restores the word"
	else
		fail "tls: a TLS word overwritten with a kernel address: contained" "$(tr '\n' ' ' <"$T/out")"
	fi
	ctl unload vthw
	expect "tls: unload vthw" 0 ""
else
	fail "tls: no tls.so/tls_big.so in $TV"
fi

# --- require_verified (one-way: last) ----------------------------------------------
echo 1 >"$PARAMS/require_verified"
ctl load "$P/hello.so" --name plain3
expect_err "require_verified=1: an unverified load is EPERM, with the reason" 1 \
	"Operation not permitted" "require_verified"
ctl load "$V/vtest.so" --verified --name vt3
if [ "$RC" = 0 ]; then
	pass "require_verified=1: a verified load still loads"
	ctl unload vt3
else
	fail "require_verified=1: a verified load still loads"
fi
if ! { echo 0 >"$PARAMS/require_verified"; } 2>/dev/null; then
	pass "require_verified cannot be turned off"
else
	fail "require_verified cannot be turned off"
fi

tap_end
