#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# check-selftest.sh: show that elfk-plugin-check.sh refuses what it should.
# Builds one small plugin per defect and expects the check to fail with the
# defect's message; a correct plugin must pass.  Run by "make -C tools check".
#
# usage: check-selftest.sh  (ELFK_CC, ELFK_CFLAGS, ELFK_LDFLAGS, ELFK_THUNKS_O
#                            in the environment, as elfk-plugin.mk sets them;
#                            ELFK_LD for the ET_REL cases, by default ELFK_CC's)

set -u
sdk=$(cd "$(dirname "$0")" && pwd)
: "${ELFK_CC:=gcc}" "${ELFK_CFLAGS:?}" "${ELFK_LDFLAGS:?}" "${ELFK_THUNKS_O:?}"
: "${ELFK_LD:=$($ELFK_CC -print-prog-name=ld)}"
t=$(mktemp -d "${TMPDIR:-/tmp}/elfk-check-selftest.XXXXXX") || exit 1
trap 'rm -rf "$t"' EXIT
fails=0
n=0

cat >"$t/good.c" <<'C'
#include <elfk/plugin.h>
static long twice(long x) { return 2 * x; }
static long (*volatile fp)(long) = twice;
ELFK_EXPORT long f(long x) { elfk_printk("x=%ld", x); return fp(x) + (long)strlen("abc"); }
C
cat >"$t/undef.c" <<'C'
#include <elfk/plugin.h>
ELFK_IMPORT long kallsyms_lookup_name(const char *);
ELFK_EXPORT long f(void) { return kallsyms_lookup_name("x"); }
C
cat >"$t/interp.c" <<'C'
#include <elfk/plugin.h>
/* The classic "runnable shared library" trick. */
__attribute__((section(".interp"), used)) static const char interp[] = "/lib64/ld-linux-x86-64.so.2";
ELFK_EXPORT long f(void) { return 1; }
C
cat >"$t/tls.c" <<'C'
#include <elfk/plugin.h>
static __thread long counter;
ELFK_EXPORT long f(void) { return ++counter; }
C
cat >"$t/tlsld.c" <<'C'
#include <elfk/plugin.h>
static __thread long counter = 5;
ELFK_EXPORT long f(void) { return ++counter; }
C
# An indirect call hidden behind prefixes, not the TLS sequence.
cat >"$t/prefixed.S" <<'S'
#include <cet.h>
	.text
	.globl f
	.type f, @function
f:	endbr64
	.byte 0x66
	rex64 call *g@GOTPCREL(%rip)
	jmp __x86_return_thunk
	.globl g
	.type g, @function
g:	endbr64
	jmp __x86_return_thunk
	.section .note.GNU-stack, "", @progbits
S
cat >"$t/user.c" <<'C'
#include <elfk/plugin.h>
ELFK_IMPORT long f(long);
ELFK_EXPORT long g(long x) { return f(x) + 1; }
C
cat >"$t/ifunc.c" <<'C'
#include <elfk/plugin.h>
static long one(long x) { return x; }
static long (*pick(void))(long) { return one; }
long h(long) __attribute__((ifunc("pick")));
ELFK_EXPORT long g(long x) { return h(x); }
C
cat >"$t/textrel.S" <<'S'
	.text
	.globl f
	.type f, @function
f:	endbr64
	ret
	.quad f
	.section .note.GNU-stack, "", @progbits
S
cat >"$t/wx.S" <<'S'
	.section .wxtext, "awx", @progbits
	.globl f
	.type f, @function
f:	endbr64
	ret
	.section .note.GNU-stack, "", @progbits
S
# ET_REL: a constructor without endbr64, reached only through .init_array.
cat >"$t/ctor.S" <<'S'
#include <cet.h>
	.text
	.globl f
	.type f, @function
f:	endbr64
	jmp __x86_return_thunk
	.type ctor, @function
ctor:	nop
	jmp __x86_return_thunk
	.section .init_array, "aw", @init_array
	.quad ctor
	.section .note.GNU-stack, "", @progbits
S
# ET_REL: relocation types elfk does not apply, in a loaded section or not.
cat >"$t/got32.S" <<'S'
#include <cet.h>
	.text
	.globl f
	.type f, @function
f:	endbr64
	jmp __x86_return_thunk
	.section .rodata, "a", @progbits
	.long f@GOT
	.section .note.GNU-stack, "", @progbits
S
cat >"$t/got32-unloaded.S" <<'S'
#include <cet.h>
	.text
	.globl f
	.type f, @function
f:	endbr64
	jmp __x86_return_thunk
	.section .comment.elfk, "", @progbits
	.long f@GOT
	.section .note.GNU-stack, "", @progbits
S
cat >"$t/preinit.S" <<'S'
#include <cet.h>
	.text
	.globl f
	.type f, @function
f:	endbr64
	jmp __x86_return_thunk
	.section .preinit_array, "aw", @preinit_array
	.quad f
	.section .note.GNU-stack, "", @progbits
S

# build NAME SOURCE [EXTRA-FLAGS...]: $t/NAME.so as elfk_plugin links it or,
# with KIND=rel, $t/NAME.o as elfk_plugin_rel does ("gcc -c", then "ld -r"
# with the thunks).  Later flags override the SDK's (-fcf-protection=none,
# -mindirect-branch=keep, ...).
# shellcheck disable=SC2086 # flag lists
build() {
	name=$1 src=$2
	shift 2
	if [ "$KIND" = rel ]; then
		out=$t/$name.o
		$ELFK_CC $ELFK_CFLAGS "$@" -c -o "$t/$name.in.o" "$t/$src" &&
			$ELFK_LD -r -o "$out" "$t/$name.in.o" $ELFK_THUNKS_O
	else
		out=$t/$name.so
		$ELFK_CC $ELFK_CFLAGS "$@" -o "$out" "$t/$src" $ELFK_THUNKS_O $ELFK_LDFLAGS $EXTRA_LD
	fi
}

# case NAME EXPECTED-TEXT SOURCE [EXTRA-FLAGS...]: EXPECTED-TEXT "" means pass.
# "elfk would refuse it (ENAME): ..." is the kernel's own validator
# ("elfk-ctl check"), with the kernel's errno and message.
# CHECK_OPTS are extra options for the check.
case_() {
	name=$1 want=$2 src=$3
	shift 3
	n=$((n + 1))
	if ! build "$name" "$src" "$@" >"$t/$name.build" 2>&1; then
		echo "not ok - $name: does not build"
		sed 's/^/# /' "$t/$name.build"
		fails=$((fails + 1))
		return
	fi
	# shellcheck disable=SC2086 # option list
	"$sdk/elfk-plugin-check.sh" -q $CHECK_OPTS "$out" >"$t/$name.out" 2>&1
	rc=$?
	if [ -z "$want" ]; then
		if [ $rc = 0 ]; then echo "ok - $name: passes"; return; fi
	elif [ $rc = 1 ] && grep -qF -- "$want" "$t/$name.out"; then
		echo "ok - $name: refused ($want)"
		return
	fi
	echo "not ok - $name: expected ${want:-success}, exit $rc"
	sed 's/^/# /' "$t/$name.out"
	fails=$((fails + 1))
}

KIND=so
EXTRA_LD=
CHECK_OPTS=
case_ good "" good.c
case_ undefined "undefined symbol 'kallsyms_lookup_name' is not exported by elfk" undef.c
case_ plain-returns '"ret" at' good.c -mfunction-return=keep
case_ plt "has a PLT" good.c -fplt -mindirect-branch=keep
case_ indirect "indirect branches must go through a retpoline thunk" good.c -mindirect-branch=keep
case_ no-endbr "does not start with endbr64" good.c -fcf-protection=none
case_ no-ibt-note "is not marked IBT-compatible" good.c -fcf-protection=none
case_ tls-gd "" tls.c
case_ tls-ld "" tlsld.c
case_ tls-ie "the initial-exec or local-exec TLS model" tls.c -ftls-model=initial-exec
case_ tls-gnu2 "TLS descriptors (-mtls-dialect=gnu2)" tls.c -mtls-dialect=gnu2
case_ prefixed-indirect "indirect branches must go through a retpoline thunk" prefixed.S
EXTRA_LD=-Wl,-z,notext
case_ textrel "elfk would refuse it (EOPNOTSUPP): dynamic entry 9: DT_TEXTREL: text relocations would need writable code" textrel.S -Wa,--noexecstack
EXTRA_LD=
case_ wx "elfk would refuse it (EOPNOTSUPP): PT_LOAD 4: writable and executable (p_flags 0x7); elfk enforces W^X" wx.S
EXTRA_LD=-Wl,-z,execstack
case_ execstack "executable stack" good.c
EXTRA_LD=
case_ interp "elfk would refuse it (EOPNOTSUPP): PT_INTERP 1: this is a program that needs an interpreter" interp.c
EXTRA_LD="-Wl,--no-as-needed -L$t -l:good.so"
case_ needed "nor defined by its DT_NEEDED objects (good.so)" undef.c
case_ needed-ok "" user.c
EXTRA_LD=
case_ irelative "" ifunc.c

# ET_REL objects, as elfk_plugin_rel builds them.
KIND=rel
case_ rel-good "" good.c
case_ rel-tls-gd "" tls.c
case_ rel-tls-ld "" tlsld.c
case_ rel-undefined "undefined symbol 'kallsyms_lookup_name' is not exported by elfk" undef.c
case_ rel-tls-ie "R_X86_64_GOTTPOFF: the initial-exec or local-exec TLS model" tls.c -ftls-model=initial-exec
case_ rel-tls-le "R_X86_64_TPOFF32: the initial-exec or local-exec TLS model" tls.c -ftls-model=local-exec
case_ rel-tls-gnu2 "R_X86_64_GOTPC32_TLSDESC: TLS descriptors (-mtls-dialect=gnu2)" tls.c -mtls-dialect=gnu2
case_ rel-no-ibt-note "is not marked IBT-compatible" good.c -fcf-protection=none
case_ rel-no-endbr "entry .text+0x" good.c -fcf-protection=none
case_ rel-ctor-no-endbr "(ctor) does not start with endbr64" ctor.S
case_ rel-plain-returns '"ret" at .text+0x' good.c -mfunction-return=keep
case_ rel-indirect "indirect branches must go through a retpoline thunk" good.c -mindirect-branch=keep
# "call *g@GOTPCREL(%rip)" with its prefixes: elfk makes it a direct call
# when the relocation is GOTPCRELX, not when it is plain GOTPCREL.
case_ rel-got-call "" prefixed.S
case_ rel-got-call-norelax "indirect branches must go through a retpoline thunk" prefixed.S -Wa,-mrelax-relocations=no
case_ rel-wx "'.wxtext': writable and executable" wx.S
case_ rel-ifunc "" ifunc.c
case_ rel-unsupported "relocation(s) of unsupported type R_X86_64_GOT32" got32.S
case_ rel-unloaded "" got32-unloaded.S
case_ rel-preinit "elfk would refuse it (EOPNOTSUPP): section 6 '.preinit_array': SHT_PREINIT_ARRAY is for executables" preinit.S
CHECK_OPTS="--expect-reloc R_X86_64_GOTTPOFF"
case_ rel-expect-reloc "" tls.c -ftls-model=initial-exec
case_ rel-expect-reloc-absent "expected relocation type 'R_X86_64_GOTTPOFF' is not present" tls.c
CHECK_OPTS=

echo "# check-selftest: $((n - fails)) passed, $fails failed"
[ $fails = 0 ]
