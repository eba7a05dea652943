#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The SDK's verified mode as a plugin author meets it
# (Documentation/verified-plugins.rst): make VERIFIED=1 builds a plugin
# that elfk-verify accepts, and what cannot be confined fails the build
# with a message naming the rule.  TAP.  Run by make check.
set -uo pipefail
TOP=$(cd "$(dirname "$0")/../../.." && pwd)
SDK_MK=$TOP/tools/sdk/elfk-plugin.mk
T=$(mktemp -d "${TMPDIR:-/tmp}/elfk-sdk-verified.XXXXXX") || exit 1
trap 'rm -rf "$T"' EXIT
n=0
bad=0

# build NAME FILE TEXT: a one-plugin project; make's output in $T/NAME.log
build() {
	mkdir -p "$T/$1"
	printf '%s\n' "$3" >"$T/$1/$2"
	# shellcheck disable=SC2016 # $(call ...) is make's
	printf 'include %s\n$(call elfk_plugin,%s,%s)\n' "$SDK_MK" "$1" "$2" >"$T/$1/Makefile"
	make -C "$T/$1" VERIFIED=1 "$1.so" >"$T/$1.log" 2>&1
}

check() { # STATUS NAME
	n=$((n + 1))
	if [ "$1" = 0 ]; then
		echo "ok $n - sdk VERIFIED=1: $2"
	else
		echo "not ok $n - sdk VERIFIED=1: $2"
		bad=$((bad + 1))
	fi
}

# refused NAME PATTERN: the build failed and its log has PATTERN
refused() {
	local st=$?

	[ "$st" != 0 ] && grep -q -- "$2" "$T/$1.log"
	st=$?
	[ "$st" = 0 ] || sed 's/^/# /' "$T/$1.log" | tail -5
	return $st
}

build plain plain.c '#include <elfk/plugin.h>
static long tab[64];
ELFK_EXPORT long f(long i, long v) { tab[i & 63] += v; return tab[(i + 1) & 63] + v / (i | 1); }'
st=$?
[ "$st" = 0 ] && "$TOP/build/verify/elfk-verify" "$T/plain/plain.so" >"$T/plain.verify" 2>&1 &&
	grep -q ': accepted$' "$T/plain.verify"
check $? "plain C builds, elfk-verify accepts the .so"

# k = 24, c = 20 (0x18, 0x14): the defaults
readelf -n "$T/plain/plain.so" 2>/dev/null | grep -q 'description data: 18 00 00 00 14 00 00 00' &&
	readelf -lW "$T/plain/plain.so" | awk '$1 == "LOAD" && / R E / { x = $3 } END { exit x != "0x0000000000001000" }'
check $? "the .so has the window note (k=24, c=20) and its code at window offset 0x1000"

build strings strings.c '#include <elfk/plugin.h>
ELFK_EXPORT void f(char *d, const char *s, long n) { __asm__ volatile("rep movsb" : "+D"(d), "+S"(s), "+c"(n) :: "memory"); }'
refused strings 'string instruction (rule I5'
check $? "rep movsb is refused by the rewriting pass, naming rule I5"

build cpuid cpuid.c '#include <elfk/plugin.h>
ELFK_EXPORT long f(void) { unsigned a = 0, b, c = 0, d; __asm__ volatile("cpuid" : "+a"(a), "=b"(b), "+c"(c), "=d"(d)); return a; }'
refused cpuid 'not on the allow-list'
check $? "cpuid is refused by the rewriting pass"

build tls tls.c '#include <elfk/plugin.h>
static __thread long x;
ELFK_EXPORT long f(long a) { x += a; return x; }'
st=$?
# T12: local-exec through the CALL slot's TLS word, never a segment prefix
[ "$st" = 0 ] && readelf -lW "$T/tls/tls.so" | grep -q '^ *TLS ' &&
	! objdump -d "$T/tls/tls.so" | grep -q '%[fg]s:' &&
	"$TOP/build/verify/elfk-verify" "$T/tls/tls.so" >"$T/tls.verify" 2>&1 &&
	grep -q ': accepted$' "$T/tls.verify"
check $? "a __thread variable builds with PT_TLS, no %fs/%gs, and elfk-verify accepts it (rule T12)"

build tlsgd tlsgd.c '#include <elfk/plugin.h>
static __thread long x __attribute__((tls_model("global-dynamic")));
ELFK_EXPORT long f(long a) { x += a; return x; }'
refused tlsgd 'thread-local storage model "@tlsgd" (rule T12.*-ftls-model=local-exec'
check $? "the general-dynamic TLS sequence is refused by name with the flag to use, not mangled (rule T12)"

build tlsie tlsie.c '#include <elfk/plugin.h>
extern __thread long y __attribute__((tls_model("initial-exec")));
ELFK_EXPORT long f(long a) { return y + a; }'
refused tlsie 'thread-local storage model "@gottpoff" (rule T12'
check $? "the initial-exec TLS model is refused by name (rule T12)"

build ctor ctor.c '#include <elfk/plugin.h>
static long v;
__attribute__((constructor(101))) static void c1(void) { v = 7; }
__attribute__((constructor)) static void c2(void) { v++; }
__attribute__((destructor(101))) static void d(void) { v = 0; }
ELFK_EXPORT long f(void) { return v; }'
st=$?
# With priorities gcc emits .init_array.00101: the link script must merge it.
[ "$st" = 0 ] && readelf -dW "$T/ctor/ctor.so" | grep -q '(INIT_ARRAYSZ) *16 ' &&
	readelf -dW "$T/ctor/ctor.so" | grep -q '(FINI_ARRAYSZ) *8 ' &&
	"$TOP/build/verify/elfk-verify" "$T/ctor/ctor.so" >"$T/ctor.verify" 2>&1 &&
	grep -q ': accepted$' "$T/ctor.verify"
check $? "constructors and destructors, with priorities, fill DT_INIT_ARRAY and DT_FINI_ARRAY; elfk-verify accepts (T11)"

build imports imports.c '#include <elfk/plugin.h>
int printk(const char *fmt, ...);
ELFK_EXPORT long f(void) { return printk("x"); }'
refused imports "undefined reference to \`printk'"
check $? "a kernel import fails the link (verified plugins link to nothing)"

build asmret asmret.S '	.text
	.globl f
	.type f, @function
	.balign 32
f:	xor %eax, %eax
	ret
	.balign 32'
refused asmret 'rule C7'
check $? "an assembler source with ret is refused by elfk-verify, naming rule C7"

echo "1..$n"
[ "$bad" = 0 ]
