#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# run-deps.sh: end-to-end test of dependencies between loaded objects,
# symbol versioning and IFUNC, run inside the QEMU guest.
#
# The plugins are tools/examples/deps/*.c (their header comments give the
# expected values): the chain libbase.so <- libmid.so <- libtop.so, the
# versioned libver.so with its users libver_{v1,v2,v3,any,hid}.so, and
# ifunc.so.  Written for busybox ash, like run-e2e.sh; prints TAP lines
# "ok - NAME" / "not ok - NAME" with "# " diagnostics, then "1..N" and
# "# N passed, N failed".  Exits 1 if anything failed.
#
# Environment (the defaults are the guest's):
#   ELFK_ROOT     tree root (default: the parent of this script's directory)
#   ELFK_PLUGINS  plugin directory (default: $ELFK_ROOT/plugins)
#   ELFK_CTL      elfk-ctl command (default: elfk-ctl)
#   ELFK_KMSG     where markers are written (default: /dev/kmsg)
#   ELFK_DMESG    command printing the kernel log (default: dmesg)

set -u

# HERE, ROOT, P, CTL, KMSG, DMESG, T and pass, fail, ctl, expect,
# expect_err, mark, since_mark and tap_end come from lib.sh beside this script.
TAG=deps
. "$(dirname "$0")/lib.sh"

# call NAME OBJ SYMBOL EXPECTED [ARG]...: a signed call's return value.
call() {
	_n=$1 _o=$2 _s=$3 _e=$4
	shift 4
	ctl call --signed "$_o" "$_s" "$@"
	expect "$_n" 0 "$_e"
}

# loaded_ids NAME: the ids of the objects with that name or soname.
loaded_ids() {
	"$CTL" list 2>/dev/null | awk -v n="$1" '$1 ~ /^[0-9]+$/ && ($2 == n || $3 == n) { print $1 }'
}

loaded() {
	[ -n "$(loaded_ids "$1")" ]
}

# The objects of this test, dependents first (the order to unload them in).
OBJS="relc.o rela.o reluser relonso.o relb.o relso.so libtop.so libmid.so libbase.so libver_v1 libver_v2 libver_any libver_v3 libver_hid libver.so ifunc ifuncrel fptr_relr"

# cleanup: unload whatever this test left loaded, dependents first.
cleanup() {
	for _o in $OBJS; do
		for _i in $(loaded_ids "$_o"); do
			"$CTL" unload "$_i" >/dev/null 2>&1
		done
	done
}

none_loaded() {
	for _o in $OBJS; do
		loaded "$_o" && return 1
	done
	return 0
}

# log_order NAME TEXT...: the kernel-log lines since the mark that contain
# "deps ctor"/"deps dtor" are exactly the TEXTs, in this order.
log_order() {
	_n=$1
	shift
	since_mark | sed -n 's/.*\(deps [cd]tor [a-z]*\).*/\1/p' >"$T/log"
	printf '%s\n' "$@" >"$T/want"
	if cmp -s "$T/log" "$T/want"; then
		pass "$_n"
	else
		NFAIL=$((NFAIL + 1))
		echo "not ok - $_n"
		sed 's/^/# want: /' "$T/want"
		sed 's/^/# got:  /' "$T/log"
	fi
}

cleanup
if none_loaded; then pass "no test object loaded at the start"; else fail "no test object loaded at the start"; fi

# --- the chain, by hand ------------------------------------------------------

# --path to an empty directory: elfk-ctl finds no dependency to load.
mkdir -p "$T/empty"
ctl load "$P/libtop.so" --path "$T/empty"
expect_err "libtop.so before libmid.so: refused" 1 "ENOENT" \
	"DT_NEEDED 'libmid.so': no loaded object provides it"
ctl load "$P/libmid.so" --path "$T/empty"
expect_err "libmid.so before libbase.so: refused" 1 "ENOENT" \
	"DT_NEEDED 'libbase.so': no loaded object provides it"
if none_loaded; then pass "refused loads left nothing loaded"; else fail "refused loads left nothing loaded"; fi

mark
ctl load "$P/libbase.so"
expect_rc_0() { if [ "$RC" = 0 ]; then pass "$1"; else fail "$1" "expected exit status 0"; fi; }
expect_rc_0 "load libbase.so"
BASE_ID=$OUT
ctl load "$P/libmid.so"
expect_rc_0 "load libmid.so"
MID_ID=$OUT
ctl load "$P/libtop.so"
expect_rc_0 "load libtop.so"
TOP_ID=$OUT
if [ -s "$T/err" ]; then fail "no dependency auto-loaded when all are loaded" "stderr not empty"; else pass "no dependency auto-loaded when all are loaded"; fi
log_order "constructors in load order" "deps ctor libbase" "deps ctor libmid" "deps ctor libtop"

ctl info libtop.so
if grep -q '^soname: libtop.so$' "$T/out"; then pass "libtop.so is named by its DT_SONAME"; else fail "libtop.so is named by its DT_SONAME"; fi

call "libbase: base_fn(2) = 14" libbase.so base_fn 14 2
call "libbase: whoami() = 1" libbase.so whoami 1
call "libmid: mid_fn(2) = 1021 (function and data of libbase)" libmid.so mid_fn 1021 2
call "libmid: mid_via_ptr(3) = 21 (pointer to libbase's function in RELRO)" libmid.so mid_via_ptr 21 3
call "libmid: mid_base_ready() = 1 (libbase's constructor ran)" libmid.so mid_base_ready 1
call "libmid: mid_whoami() = 2 (own definition first)" libmid.so mid_whoami 2
call "libtop: top_fn(2) = 10212 (whoami bound to libmid, scope order)" libtop.so top_fn 10212 2
call "libtop: top_whoami() = 2" libtop.so top_whoami 2
call "libtop: top_chain(5) = 1070" libtop.so top_chain 1070 5

ctl unload libbase.so
expect_err "unload libbase.so while libmid.so needs it: EBUSY" 1 "EBUSY" \
	"'libbase.so' (id $BASE_ID) is needed by 'libmid.so' (id $MID_ID): unload that first"
ctl unload libmid.so
expect_err "unload libmid.so while libtop.so needs it: EBUSY" 1 "EBUSY" \
	"'libmid.so' (id $MID_ID) is needed by 'libtop.so' (id $TOP_ID): unload that first"
call "libbase.so still works after the refused unload" libbase.so base_fn 21 3

mark
ctl unload libtop.so
expect "unload libtop.so" 0 ""
ctl unload libmid.so
expect "unload libmid.so" 0 ""
ctl unload libbase.so
expect "unload libbase.so" 0 ""
log_order "destructors in unload order (dependents first)" "deps dtor libtop" "deps dtor libmid" "deps dtor libbase"

# --- the chain, with --path ---------------------------------------------------

mkdir -p "$T/top" "$T/lib"
cp "$P/libtop.so" "$T/top/"
cp "$P/libmid.so" "$P/libbase.so" "$T/lib/"
ctl load "$T/top/libtop.so"
expect_err "libtop.so alone, dependencies not beside it: refused" 1 \
	"DT_NEEDED 'libmid.so': no loaded object provides it"
if none_loaded; then pass "nothing left loaded by the refused load"; else fail "nothing left loaded by the refused load"; fi

mark
ctl load --path /nonexistent --path "$T/lib" "$T/top/libtop.so"
expect_err "load --path: libbase.so and libmid.so loaded first" 0 \
	"loaded libbase.so (id " "from $T/lib/libbase.so, needed by $T/lib/libmid.so" \
	"loaded libmid.so (id " "from $T/lib/libmid.so, needed by $T/top/libtop.so"
TOP_ID=$OUT
ctl info "$TOP_ID"
if grep -q '^name: libtop.so$' "$T/out"; then pass "load --path printed libtop.so's id"; else fail "load --path printed libtop.so's id"; fi
log_order "load --path: constructors in dependency order" "deps ctor libbase" "deps ctor libmid" "deps ctor libtop"
call "load --path: top_fn(2) = 10212" libtop.so top_fn 10212 2
ctl unload libtop.so
ctl unload libmid.so
ctl unload libbase.so

# The default search path is FILE's directory.
ctl --json load "$P/libtop.so"
if [ "$RC" = 0 ] && grep -q '"deps":\[{"id":[0-9]*,"name":"libbase.so","file":"[^"]*/libbase.so"},{"id":[0-9]*,"name":"libmid.so"' "$T/out"; then
	pass "load (default path, --json): deps listed in load order"
else
	fail "load (default path, --json): deps listed in load order"
fi
# A second copy: its name is taken, so the kernel names it obj<id>; its
# dependency is loaded already, so elfk-ctl loads nothing else.
ctl load "$P/libmid.so"
if [ "$RC" = 0 ] && [ ! -s "$T/err" ]; then pass "second libmid.so: loaded alone"; else fail "second libmid.so: loaded alone"; fi
ctl unload "$OUT"
expect "unload the second libmid.so" 0 ""
ctl unload libtop.so
ctl unload libmid.so
ctl unload libbase.so

# corrupt FILE: e_machine 3 (EM_386), which the kernel refuses.
corrupt() {
	printf '\003' | dd of="$1" bs=1 seek=18 count=1 conv=notrunc 2>/dev/null
}

# A dependency that fails: everything loaded on the way is unloaded again.
mkdir -p "$T/bad" "$T/bad2"
cp "$P/libtop.so" "$P/libmid.so" "$P/libbase.so" "$T/bad/"
corrupt "$T/bad/libbase.so"
ctl load "$T/bad/libtop.so"
expect_err "load: a failing dependency is reported for its file" 1 \
	"load $T/bad/libbase.so:" "EOPNOTSUPP"
if none_loaded; then pass "a failing dependency leaves nothing loaded"; else fail "a failing dependency leaves nothing loaded"; fi
# elfk-ctl reads DT_NEEDED with the kernel's parser (libelfk): for a FILE
# that parser refuses, no dependency is loaded; the kernel says why.
cp "$P/libtop.so" "$P/libmid.so" "$P/libbase.so" "$T/bad2/"
corrupt "$T/bad2/libtop.so"
ctl load "$T/bad2/libtop.so"
expect_err "load: FILE the kernel's parser refuses is refused with its message" 1 \
	"load $T/bad2/libtop.so:" "EOPNOTSUPP" "e_machine 3: this kernel loads x86_64 objects"
if grep -q "loaded lib" "$T/err"; then fail "... and no dependency is loaded for it"; else pass "... and no dependency is loaded for it"; fi
if none_loaded; then pass "... leaving nothing loaded"; else fail "... leaving nothing loaded"; fi
# FILE fails after its dependencies loaded: its name is taken.
mkdir -p "$T/bad3"
cp "$P/libtop.so" "$P/libmid.so" "$P/libbase.so" "$T/bad3/"
ctl load --name taken "$P/hello.so"
ctl load --name taken "$T/bad3/libtop.so"
expect_err "load: FILE fails after its dependencies loaded" 1 \
	"loaded libmid.so (id " "load $T/bad3/libtop.so:" "EEXIST"
ctl unload taken
if none_loaded; then pass "the dependencies loaded are unloaded again"; else fail "the dependencies loaded are unloaded again"; fi

# --- symbol versions ---------------------------------------------------------

ctl load "$P/libver.so"
expect_rc_0 "load libver.so"
ctl load "$P/libver_v1.so"
expect_rc_0 "load libver_v1.so (needs foo@V1)"
ctl load "$P/libver_v2.so"
expect_rc_0 "load libver_v2.so (needs foo@V2)"
ctl load "$P/libver_any.so"
expect_rc_0 "load libver_any.so (unversioned foo)"
call "foo@V1 user: use_foo() = 1" libver_v1 use_foo 1
call "foo@V2 user: use_foo() = 2" libver_v2 use_foo 2
call "unversioned user: use_foo() = 2 (the default version)" libver_any use_foo 2
call "versioned user of an unversioned-in-V2 symbol: use_id() = 42" libver_v1 use_id 42
ctl load "$P/libver_v3.so"
expect_err "foo@V3 user: refused" 1 "ENOENT" \
	"undefined symbol 'foo' version 'V3' (from libver.so)"
ctl load "$P/libver_hid.so"
expect_err "unversioned bar, only the hidden bar@V1 exists: refused" 1 "ENOENT" \
	"undefined symbol 'bar'"
ctl unload libver.so
expect_err "unload libver.so while its users are loaded: EBUSY" 1 "EBUSY" "is needed by 'libver_"
for _o in libver_v1 libver_v2 libver_any libver.so; do
	ctl unload "$_o"
	expect "unload $_o" 0 ""
done

# --- IFUNC --------------------------------------------------------------------

ctl load "$P/ifunc.so"
expect_rc_0 "load ifunc.so"
call "ifunc: call_scale(3) = 300 (exported IFUNC via GLOB_DAT)" ifunc call_scale 300 3
call "ifunc: call_sub(10) = 3 (hidden IFUNC via IRELATIVE)" ifunc call_sub 3 10
call "ifunc: both resolvers ran before elfk_init" ifunc resolved 2
ctl sym ifunc scale
if [ "$RC" = 0 ] && grep -q ' IFUNC GLOBAL$' "$T/out"; then pass "sym ifunc scale: IFUNC GLOBAL"; else fail "sym ifunc scale: IFUNC GLOBAL"; fi
ctl call ifunc scale 3
expect_err "call of the IFUNC symbol itself: ENOENT (not STT_FUNC)" 1 "ENOENT"
ctl unload ifunc
expect "unload ifunc" 0 ""

# The same source as an ET_REL object: every reference to an IFUNC goes to
# its PLT stub, whose GOT slot gets the resolver's result.
ctl load "$P/ifunc_rel.o" --name ifuncrel
expect_rc_0 "load ifunc_rel.o (ET_REL with STT_GNU_IFUNC)"
call "ifunc_rel: call_scale(3) = 300 (exported IFUNC)" ifuncrel call_scale 300 3
call "ifunc_rel: call_sub(10) = 3 (hidden IFUNC)" ifuncrel call_sub 3 10
call "ifunc_rel: both resolvers ran before elfk_init" ifuncrel resolved 2
ctl sym ifuncrel scale
if [ "$RC" = 0 ] && grep -q ' IFUNC GLOBAL$' "$T/out"; then pass "sym ifuncrel scale: IFUNC GLOBAL"; else fail "sym ifuncrel scale: IFUNC GLOBAL"; fi
ctl unload ifuncrel
expect "unload ifuncrel" 0 ""

# --- ET_REL objects needing other objects (.elfk.needed) -----------------------

# relb.o <- rela.o <- relc.o name their needs with ELFK_NEEDS (see
# tools/examples/deps/rel*.c); an ET_REL object provides the name it was
# loaded under.
ctl load "$P/rela.o" --name rela.o --path "$T/empty"
expect_err "rela.o before relb.o: refused" 1 "ENOENT" \
	".elfk.needed 'relb.o': no loaded object provides it"
ctl load "$P/relb.o" --name relb.o
expect_rc_0 "load relb.o"
RB_ID=$OUT
ctl load "$P/rela.o" --name rela.o
expect_rc_0 "load rela.o (needs relb.o)"
RA_ID=$OUT
ctl load "$P/relc.o" --name relc.o
expect_rc_0 "load relc.o (needs rela.o)"
RC_ID=$OUT
call "rela.o: ra_call(1) = 10 (relb.o's rb_add)" rela.o ra_call 10 1
call "rela.o: ra_data() = 7 (relb.o's data)" rela.o ra_data 7
call "rela.o: ra_tls_bump() = 41 (relb.o's __thread)" rela.o ra_tls_bump 41
call "rela.o: ra_scale(3) = 300 (relb.o's IFUNC)" rela.o ra_scale 300 3
call "rela.o: ra_weak() = 0 (weak missing; hidden not exported)" rela.o ra_weak 0
call "relc.o: rc_chain(1) = 17 (rela.o, relb.o through its scope)" relc.o rc_chain 17 1
call "relc.o: rc_tls() = 40 (relb.o's __thread, new task)" relc.o rc_tls 40
ctl unload relb.o
expect_err "unload relb.o while rela.o needs it: EBUSY" 1 "EBUSY" \
	"'relb.o' (id $RB_ID) is needed by 'rela.o' (id $RA_ID): unload that first"
ctl unload rela.o
expect_err "unload rela.o while relc.o needs it: EBUSY" 1 "EBUSY" \
	"'rela.o' (id $RA_ID) is needed by 'relc.o' (id $RC_ID): unload that first"
call "relb.o still works after the refused unload" relb.o rb_add 10 1 2
ctl unload relc.o
expect "unload relc.o" 0 ""
ctl unload rela.o
expect "unload rela.o" 0 ""
ctl unload relb.o
expect "unload relb.o" 0 ""

# elfk-ctl reads .elfk.needed as DT_NEEDED and loads relb.o first, under
# the name rela.o asks for.
ctl load "$P/rela.o" --name rela.o
expect_err "load rela.o: relb.o loaded first by elfk-ctl" 0 "loaded relb.o (id "
call "rela.o (relb.o auto-loaded): ra_call(1) = 10" rela.o ra_call 10 1
ctl unload rela.o
ctl unload relb.o
expect "unload the auto-loaded relb.o" 0 ""

# A shared object naming an ET_REL object in DT_NEEDED, and back.
ctl load "$P/relb.o" --name relb.o
RB_ID=$OUT
ctl load "$P/reluser.so"
expect_rc_0 "load reluser.so (DT_NEEDED relb.o, an ET_REL object)"
RU_ID=$OUT
call "reluser.so: ru_call(1) = 8 (relb.o's rb_add)" reluser ru_call 8 1
call "reluser.so: ru_tls_bump() = 41 (relb.o's __thread)" reluser ru_tls_bump 41
call "reluser.so: ru_scale(3) = 300 (relb.o's IFUNC)" reluser ru_scale 300 3
ctl unload relb.o
expect_err "unload relb.o while reluser.so needs it: EBUSY" 1 "EBUSY" \
	"'relb.o' (id $RB_ID) is needed by 'reluser' (id $RU_ID): unload that first"
ctl unload reluser
expect "unload reluser.so" 0 ""
ctl unload relb.o
expect "unload relb.o after reluser.so" 0 ""

ctl load "$P/relso.so"
RS_ID=$OUT
ctl load "$P/relonso.o" --name relonso.o
expect_rc_0 "load relonso.o (needs the shared object relso.so)"
RO_ID=$OUT
call "relonso.o: ro_mul(2) = 13 (relso.so's so_mul)" relonso.o ro_mul 13 2
call "relonso.o: ro_tls_bump() = 10 (relso.so's __thread)" relonso.o ro_tls_bump 10
ctl unload relso.so
expect_err "unload relso.so while relonso.o needs it: EBUSY" 1 "EBUSY" \
	"'relso.so' (id $RS_ID) is needed by 'relonso.o' (id $RO_ID): unload that first"
ctl unload relonso.o
expect "unload relonso.o" 0 ""
ctl unload relso.so
expect "unload relso.so" 0 ""

# --- DT_RELR -------------------------------------------------------------------

# fptr_relr.so is fptr.c linked with -z pack-relative-relocs (see fptr.c).
ctl load "$P/fptr_relr.so"
expect_rc_0 "load fptr_relr.so (DT_RELR)"
call "fptr_relr: dispatch(1, 6, 7) = 42 (RELRO table of pointers)" fptr_relr dispatch 42 1 6 7
call "fptr_relr: walk() = 4660 (pointers to data)" fptr_relr walk 4660
call "fptr_relr: same_global() = 7" fptr_relr same_global 7
ctl unload fptr_relr
expect "unload fptr_relr" 0 ""

# --- the end ------------------------------------------------------------------

if none_loaded; then pass "nothing left loaded at the end"; else fail "nothing left loaded at the end"; fi
cleanup
ctl list
if [ "$RC" = 0 ] && ! awk '$1 ~ /^[0-9]+$/ { f = 1 } END { exit !f }' "$T/out"; then
	pass "list is empty at the end"
else
	fail "list is empty at the end"
fi

tap_end
