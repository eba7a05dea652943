#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# run-tls.sh: per-module thread-local storage, run inside the QEMU guest
# (Documentation/tls.rst).  Loads tls.so and tls2.so (tools/examples/tls.c;
# tls2 has a 60 KiB .tbss) and checks, through elfk-ctl and the static
# pthread program tls_threads beside this script:
#   - a new task's block is the template (.tdata copied, .tbss zeroed);
#   - N userspace threads calling concurrently each see only their counter;
#   - --kthread calls each get a fresh block; --workqueue calls run on a
#     worker with its own block (workers are reused, so it may continue);
#   - many short-lived threads and kernel threads leave no memory behind
#     once the reaper has run (the harness's kmemleak scan backs this up);
#   - unloading while blocked threads still hold blocks, then those threads
#     going on and exiting cleanly; reloading gives fresh blocks;
#   - two TLS objects in one task; a __thread variable defined in a
#     DT_NEEDED dependency (tls_dep_base.so, tls_dep_user.so, and
#     tls_dep_only.so, which has no PT_TLS of its own);
#   - tls_ie.so (initial-exec model) is refused with its message;
#   - the same source as an ET_REL object (tls_rel.o: SHF_TLS sections,
#     TLSGD, TLSLD + DTPOFF32): a new task's block, elfk-ctl sym's block
#     offset, concurrent threads, an ET_REL and an ET_DYN TLS object in one
#     task, kernel threads, work items, unload while threads hold blocks
#     and reload; tls_ie_rel.o (initial-exec, GOTTPOFF) refused.
# Written for busybox ash.  Prints TAP ("ok - NAME" / "not ok - NAME", then
# "1..N" and "# N passed, N failed"); exits 1 if anything failed.
#
# Environment: ELFK_ROOT, ELFK_PLUGINS, ELFK_CTL as for run-e2e.sh;
#   ELFK_TLS_THREADS  threads of the concurrency test (default 8)
#   ELFK_TLS_SPAWN    short-lived threads / kernel threads (default 200)
#   ELFK_TLS_SLACK_KB memory growth allowed after them (default 8192; a
#                     leak of one 64 KiB allocation each is 25600 KiB for
#                     the 2 x 200 tasks)

set -u

# HERE, ROOT, P, CTL, T and pass, fail, run, ctl and tap_end come from lib.sh
# beside this script (its expect is replaced below).
TAG=tls
. "$(dirname "$0")/lib.sh"
THREADS=$HERE/tls_threads
NTHREADS=${ELFK_TLS_THREADS:-8}
SPAWN=${ELFK_TLS_SPAWN:-200}
SLACK=${ELFK_TLS_SLACK_KB:-8192}

# expect NAME WANT CMD...: CMD succeeds and prints exactly WANT (not lib.sh's
# expect NAME RC STDOUT).
expect() {
	name=$1 want=$2
	shift 2
	run "$@"
	if [ "$RC" = 0 ] && [ "$OUT" = "$want" ]; then
		pass "$name"
	else
		fail "$name" "want exit 0 and output '$want'"
	fi
}

# expect_ok NAME CMD...: CMD succeeds.
expect_ok() {
	name=$1
	shift
	run "$@"
	if [ "$RC" = 0 ]; then pass "$name"; else fail "$name"; fi
}

mem_kb() {
	sync
	echo 3 >/proc/sys/vm/drop_caches 2>/dev/null
	awk '$1 == "MemAvailable:" { print $2 }' /proc/meminfo
}

# load FILE [OPTION...]: load, and set ID to the new object's id ("" on
# failure).
load() {
	ctl load "$@"
	ID=
	if [ "$RC" = 0 ] && [ -n "$OUT" ]; then ID=$OUT; fi
}

# hold_reload PREFIX NAME HOLD_ID LOAD_ARGS...: $NTHREADS threads of
# tls_threads take blocks of object HOLD_ID (named NAME) and wait; NAME is
# unloaded under them and loaded again with LOAD_ARGS; the threads check
# that the old id is gone and the new one gives fresh blocks.  Sets ID to
# the new id.  PREFIX starts every test name.
hold_reload() {
	hr_pre=$1 hr_name=$2 hr_id=$3
	shift 3
	rm -f "$T/fifo" "$T/ready"
	mkfifo "$T/fifo"
	"$THREADS" hold "$hr_id" "$NTHREADS" "$T/ready" <"$T/fifo" >"$T/hold.out" 2>"$T/hold.err" &
	hr_pid=$!
	exec 3>"$T/fifo"
	i=0
	while [ ! -e "$T/ready" ] && [ $i -lt 30 ]; do sleep 1; i=$((i + 1)); done
	if [ -e "$T/ready" ]; then
		pass "$hr_pre$NTHREADS threads hold blocks and wait"
	else
		LAST="tls_threads hold" RC=timeout
		: >"$T/out"; : >"$T/err"
		fail "$hr_pre$NTHREADS threads hold blocks and wait" "no ready file after 30 s"
	fi
	ctl unload "$hr_name"
	if [ "$RC" = 0 ]; then pass "${hr_pre}unload $hr_name while other tasks hold its blocks"; else
		fail "${hr_pre}unload $hr_name while other tasks hold its blocks"; fi
	load "$@"
	if [ -n "$ID" ]; then pass "${hr_pre}reload ${1##*/}"; else fail "${hr_pre}reload ${1##*/}"; fi
	echo "${ID:-0}" >&3
	exec 3>&-
	wait "$hr_pid"
	RC=$?
	LAST="tls_threads hold (after unload and reload)"
	cp "$T/hold.out" "$T/out"
	cp "$T/hold.err" "$T/err"
	if [ "$RC" = 0 ]; then
		pass "${hr_pre}held threads: old id gone, reloaded object gives fresh blocks, clean exit"
	else
		fail "${hr_pre}held threads: old id gone, reloaded object gives fresh blocks, clean exit"
	fi
}

# --- setup --------------------------------------------------------------------

load "$P/tls.so"
if [ -n "$ID" ]; then pass "load tls.so (PT_TLS, DTPMOD64/DTPOFF64)"; else fail "load tls.so"; fi
A=$ID
load "$P/tls2.so"
if [ -n "$ID" ]; then pass "load tls2.so (a second TLS object)"; else fail "load tls2.so"; fi
B=$ID
if [ -z "$A" ] || [ -z "$B" ]; then
	echo "1..$((NPASS + NFAIL))"
	echo "# $NPASS passed, $NFAIL failed (cannot go on without the objects)"
	exit 1
fi

# --- one task ----------------------------------------------------------------

expect "new task: tls_get is the .tdata initial value" 1000 "$CTL" call tls tls_get
expect "new task: tls_check sees the template and a zeroed .tbss" 3468 "$CTL" call tls tls_check
expect "new task: tls_inc starts from the template" 1001 "$CTL" call tls tls_inc
expect "tls2: 60 KiB .tbss zeroed" 3468 "$CTL" call tls2 tls_check

# --- userspace threads -------------------------------------------------------

expect_ok "$NTHREADS threads x 50 concurrent tls_inc: each sees only its own counter" \
	"$THREADS" run "$A" "$NTHREADS" 50
expect_ok "two TLS objects in one task keep separate counters" \
	"$THREADS" two "$A" "$B" 20

# --- kernel threads and work items -------------------------------------------

# kthreads_and_workers PREFIX OBJECT CALLS: each --kthread call is a new
# task with a fresh block.  Workqueue workers are long-lived tasks: each has
# its own block, which lives as long as the worker (or the object), so a
# worker reused for the next call continues its own count.  Never the
# caller's count, though.
kthreads_and_workers() {
	kw_pre=$1 kw_obj=$2 kw_n=$3
	i=1
	while [ $i -le "$kw_n" ]; do
		expect "${kw_pre}--kthread call $i gets a fresh block (tls_inc = 1001)" 1001 \
			"$CTL" call --kthread "$kw_obj" tls_inc
		i=$((i + 1))
	done
	expect "${kw_pre}--kthread: tls_check sees a fresh block" 3468 \
		"$CTL" call --kthread "$kw_obj" tls_check
	i=1
	while [ $i -le "$kw_n" ]; do
		run "$CTL" call --workqueue "$kw_obj" tls_inc
		if [ "$RC" = 0 ] && [ "$OUT" -gt 1000 ] 2>/dev/null; then
			pass "${kw_pre}--workqueue call $i runs on a worker with its own block (tls_inc = $OUT)"
		else
			fail "${kw_pre}--workqueue call $i runs on a worker with its own block" \
				"want a count above 1000"
		fi
		i=$((i + 1))
	done
}

kthreads_and_workers "" tls 3

# --- many short-lived tasks, then the reaper ---------------------------------

# Warm up (slab caches, rhashtable growth), let the reaper run, then measure.
"$THREADS" spawn "$B" 20 >/dev/null 2>&1
i=0
while [ $i -lt 20 ]; do "$CTL" call --kthread tls2 tls_inc >/dev/null 2>&1; i=$((i + 1)); done
sleep 3
before=$(mem_kb)
expect_ok "$SPAWN short-lived userspace threads: each tls_inc = 1001" "$THREADS" spawn "$B" "$SPAWN"
bad=0
i=0
while [ $i -lt "$SPAWN" ]; do
	v=$("$CTL" call --kthread tls2 tls_inc 2>&1)
	[ "$v" = 1001 ] || { bad=$((bad + 1)); echo "# kthread call $i: $v"; }
	i=$((i + 1))
done
if [ $bad = 0 ]; then pass "$SPAWN kernel-thread calls: each tls_inc = 1001"; else
	LAST="elfk-ctl call --kthread tls2 tls_inc (x$SPAWN)" RC=1
	: >"$T/out"; : >"$T/err"
	fail "$SPAWN kernel-thread calls: each tls_inc = 1001" "$bad wrong"
fi
sleep 3
after=$(mem_kb)
grow=$((before - after))
echo "# MemAvailable before ${before} kB, after ${after} kB (grew by ${grow} kB; $((2 * SPAWN)) blocks of 60 KiB would be $((2 * SPAWN * 64)) kB)"
if [ "$grow" -lt "$SLACK" ]; then
	pass "the reaper freed the blocks of exited tasks (growth ${grow} kB < ${SLACK} kB)"
else
	LAST="MemAvailable" RC=1
	: >"$T/out"; : >"$T/err"
	fail "the reaper freed the blocks of exited tasks" "grew by ${grow} kB"
fi

# --- unload while blocked threads hold blocks; reload ------------------------

hold_reload "" tls "$A" "$P/tls.so"
A=$ID
expect "after reload: a new task gets the template" 1000 "$CTL" call tls tls_get

# --- refused: the initial-exec model -----------------------------------------

ctl load "$P/tls_ie.so"
if [ "$RC" != 0 ] && grep -q 'EOPNOTSUPP' "$T/err" &&
	grep -q 'initial-exec or local-exec TLS model' "$T/err" &&
	grep -q 'build with -fPIC -ftls-model=global-dynamic' "$T/err"; then
	pass "tls_ie.so refused: initial-exec model, with the flags to use"
else
	fail "tls_ie.so refused: initial-exec model, with the flags to use"
fi

# --- a TLS variable of a DT_NEEDED dependency --------------------------------

load "$P/tls_dep_base.so"
D1=$ID
load "$P/tls_dep_user.so"
D2=$ID
if [ -n "$D1" ] && [ -n "$D2" ]; then pass "load tls_dep_base.so and tls_dep_user.so (DT_NEEDED)"; else
	fail "load tls_dep_base.so and tls_dep_user.so (DT_NEEDED)"; fi
expect "dependency's __thread variable read from its user" 42 "$CTL" call tls_dep_user.so user_read
expect "user's own block and the dependency's, one task" 10043 "$CTL" call tls_dep_user.so user_bump
expect "user and dependency code reach the same variable" 44 "$CTL" call tls_dep_user.so user_both
expect "the same through a kernel thread" 44 "$CTL" call --kthread tls_dep_user.so user_both
ctl unload tls_dep_user.so
if [ "$RC" = 0 ]; then pass "unload tls_dep_user.so"; else fail "unload tls_dep_user.so"; fi
# No PT_TLS of its own: its DTPMOD64 names the dependency's block (issue 11).
load "$P/tls_dep_only.so"
if [ -n "$ID" ]; then pass "load tls_dep_only.so (its only TLS is tls_dep_base.so's)"; else
	fail "load tls_dep_only.so (its only TLS is tls_dep_base.so's)"; fi
expect "dependency-only TLS user reads the dependency's variable" 42 "$CTL" call tls_dep_only.so only_read
expect "dependency-only TLS user and the dependency, one variable" 44 "$CTL" call tls_dep_only.so only_both
ctl unload tls_dep_only.so
if [ "$RC" = 0 ]; then pass "unload tls_dep_only.so"; else fail "unload tls_dep_only.so"; fi
ctl unload tls_dep_base.so
if [ "$RC" = 0 ]; then pass "unload tls_dep_base.so"; else fail "unload tls_dep_base.so"; fi

# --- ET_REL: tls.c as "gcc -c" + "ld -r" (tls_rel.o) -------------------------

load "$P/tls_rel.o" --name tlsrel
R=$ID
if [ -n "$R" ]; then pass "ET_REL: load tls_rel.o as tlsrel (SHF_TLS sections, TLSGD, TLSLD, DTPOFF32)"; else
	fail "ET_REL: load tls_rel.o as tlsrel (SHF_TLS sections, TLSGD, TLSLD, DTPOFF32)"; fi
if [ -n "$R" ]; then
	expect "ET_REL: new task: tls_get is the .tdata initial value" 1000 "$CTL" call tlsrel tls_get
	expect "ET_REL: new task: tls_check sees the template and a zeroed .tbss" 3468 "$CTL" call tlsrel tls_check
	expect "ET_REL: new task: tls_inc starts from the template" 1001 "$CTL" call tlsrel tls_inc
	# Its value is an offset in the block (within the 40-byte .tdata), not
	# in the object's memory, where .tdata follows at least a page of text.
	ctl sym tlsrel tls_counter
	if [ "$RC" = 0 ] && echo "$OUT" | grep -Eq '^0x(0|8|10|18|20) (8|0x8) TLS GLOBAL$'; then
		pass "ET_REL: sym tlsrel tls_counter: 8-byte TLS GLOBAL at its block offset"
	else
		fail "ET_REL: sym tlsrel tls_counter: 8-byte TLS GLOBAL at its block offset"
	fi

	expect_ok "ET_REL: $NTHREADS threads x 50 concurrent tls_inc: each sees only its own counter" \
		"$THREADS" run "$R" "$NTHREADS" 50
	expect_ok "ET_REL and ET_DYN TLS objects in one task keep separate counters" \
		"$THREADS" two "$A" "$R" 20

	kthreads_and_workers "ET_REL: " tlsrel 2

	hold_reload "ET_REL: " tlsrel "$R" "$P/tls_rel.o" --name tlsrel
	R=$ID
	expect "ET_REL: after reload: a new task gets the template" 1000 "$CTL" call tlsrel tls_get
	ctl unload tlsrel
	if [ "$RC" = 0 ]; then pass "ET_REL: unload tlsrel"; else fail "ET_REL: unload tlsrel"; fi
fi

ctl load "$P/tls_ie_rel.o" --name tlsierel
if [ "$RC" != 0 ] && grep -q 'EOPNOTSUPP' "$T/err" &&
	grep -q 'R_X86_64_GOTTPOFF' "$T/err" &&
	grep -q 'initial/local-exec TLS uses %fs' "$T/err" &&
	grep -q -e '-ftls-model=global-dynamic' "$T/err"; then
	pass "ET_REL: tls_ie_rel.o refused: GOTTPOFF (initial-exec), with the flag to use"
else
	fail "ET_REL: tls_ie_rel.o refused: GOTTPOFF (initial-exec), with the flag to use"
	[ "$RC" = 0 ] && "$CTL" unload tlsierel >/dev/null 2>&1
fi

# --- teardown ----------------------------------------------------------------

ctl unload tls
if [ "$RC" = 0 ]; then pass "unload tls"; else fail "unload tls"; fi
ctl unload tls2
if [ "$RC" = 0 ]; then pass "unload tls2"; else fail "unload tls2"; fi

tap_end
