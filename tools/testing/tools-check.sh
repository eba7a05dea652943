#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The userspace tools' own tests, as TAP: elfk-ctl (argument parser, CLI
# against a fake device, help versus man page), the uapi ABI layout, and
# the plugin SDK (post-link check self-test, the guest script dry run, and
# what a new plugin's Makefile gets: the documented first plugin, headers,
# stack frames, exports, typed declarations).
set -uo pipefail
TOP=$(cd "$(dirname "$0")/../.." && pwd)
rc=0
make -C "$TOP/tools/elfk-ctl" all static check || rc=1
make -C "$TOP/tools/testing/uapi" check || rc=1
make -C "$TOP/tools" check || rc=1

# --- The plugin SDK as a new user meets it (Documentation/plugin-sdk.rst) ---
# Each test builds in a fresh directory with the SDK's elfk-plugin.mk.
n=0
sdk_failed=0
sdk_ok() { # STATUS NAME [LOG]
	n=$((n + 1))
	if [ "$1" = 0 ]; then
		echo "ok $n - sdk: $2"
	else
		echo "not ok $n - sdk: $2"
		[ -n "${3:-}" ] && sed 's/^/# /' "$3" | tail -20
		sdk_failed=$((sdk_failed + 1))
	fi
}
T=$(mktemp -d "${TMPDIR:-/tmp}/elfk-tools-check.XXXXXX") || exit 1
trap 'rm -rf "$T"' EXIT
SDK_MK=$TOP/tools/sdk/elfk-plugin.mk

# The code blocks of TYPE under the section TITLE of plugin-sdk.rst.
rst_block() { # TITLE TYPE
	awk -v title="$1" -v type="$2" '
		$0 == title { sec = 1; next }
		sec && /^=+$/ && prev != title && prev !~ /^ / && prev != "" { if (seen) exit }
		sec && $0 == ".. code-block:: " type { on = 1; seen = 1; next }
		on && /^[^ ]/ { on = 0 }
		on { sub(/^   /, ""); print }
		{ prev = $0 }
	' "$TOP/Documentation/plugin-sdk.rst"
}

# The first plugin, as documented, with a plain "make".
mkdir -p "$T/first"
rst_block "A first plugin" c >"$T/first/demo.c"
rst_block "A first plugin" make |
	sed "s|^include .*elfk-plugin.mk|include $SDK_MK|" >"$T/first/Makefile"
make -C "$T/first" >"$T/first.log" 2>&1 && [ -f "$T/first/build/demo.so" ]
sdk_ok $? "the documented first plugin builds with a plain make" "$T/first.log"

# plugin NAME SOURCE-TEXT: a one-plugin project in $T/NAME; make's output
# in $T/NAME.log, its status returned.
plugin() {
	mkdir -p "$T/$1"
	printf '%s\n' "$2" >"$T/$1/$1.c"
	printf 'include %s\n$(call elfk_plugin,%s,%s.c)\n' "$SDK_MK" "$1" "$1" \
		>"$T/$1/Makefile"
	make -C "$T/$1" "$1.so" >"$T/$1.log" 2>&1
}

plugin freestanding '#include <elfk/plugin.h>
#include <limits.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
static int sum(int n, ...) { va_list ap; int s = 0; va_start(ap, n); while (n--) s += va_arg(ap, int); va_end(ap); return s; }
ELFK_EXPORT long f(void) { bool b = INT_MAX > 0 && CHAR_BIT == 8; int32_t x = INT32_MAX; size_t z = offsetof(struct { char c; long l; }, l); return b + x + (long)z + sum(2, 1, LONG_MIN < 0); }'
sdk_ok $? "<limits.h>, <stdarg.h>, <stdbool.h>, <stddef.h>, <stdint.h> work" "$T/freestanding.log"

plugin bigframe '#include <elfk/plugin.h>
ELFK_EXPORT long f(long i) { volatile char b[16384]; b[i] = 1; return b[i / 2]; }'
[ $? != 0 ] && grep -q 'frame size of 163[0-9][0-9] bytes is larger than 2048 bytes' "$T/bigframe.log"
sdk_ok $? "a 16 KiB stack frame fails the build (-Werror=frame-larger-than=2048)" "$T/bigframe.log"

plugin frames '#include <elfk/plugin.h>
static long g(volatile char *p, long i) { return p[i]; }
ELFK_EXPORT long big(long i) { volatile char b[1500]; b[i] = 1; return g(b, i); }
ELFK_EXPORT long small(long i) { volatile char b[100]; b[i] = 1; return g(b, i); }'
grep -Eq 'frames\.so: stack: largest frames big 15[0-9][0-9], small 1[0-9][0-9]' "$T/frames.log"
sdk_ok $? "the post-link check reports the largest stack frames" "$T/frames.log"

plugin noexport '#include <elfk/plugin.h>
long f(long x) { return x + 1; }'
[ $? = 0 ] && grep -q 'noexport.so: warning: exports nothing' "$T/noexport.log"
sdk_ok $? "a plugin that exports nothing builds with a warning" "$T/noexport.log"
! grep -q 'warning: exports nothing' "$T/frames.log"
sdk_ok $? "... and one that exports functions without it" "$T/frames.log"

plugin typed '#include <elfk/plugin.h>
ELFK_EXPORT long greet(const char *who, char *out, long len) { return snprintf(out, len, "hi %s", who); }
ELFK_EXPORT_TYPED(greet, ELFK_STR, ELFK_OUT_BUF(2), ELFK_LEN);
ELFK_EXPORT long add(long a, long b) { return a + b; }
ELFK_EXPORT_TYPED(add, ELFK_INT, ELFK_INT);'
[ $? = 0 ] && [ "$(readelf -p .elfk.types "$T/typed/typed.so" | sed -n 's/^ *\[ *[0-9a-f]*\] *//p')" = "greet(elfk_str, elfk_out(2), elfk_len)
add(elfk_int, elfk_int)" ]
sdk_ok $? "ELFK_EXPORT_TYPED() writes its declarations to .elfk.types" "$T/typed.log"

plugin typedbad '#include <elfk/plugin.h>
ELFK_EXPORT long greet(char *out, long len) { return len; }
ELFK_EXPORT_TYPED(greet, ELFK_OUT_BUF(0), ELFK_LEN);
static long hidden(long a) { return a; }
long (*keep)(long) = hidden;
ELFK_EXPORT_TYPED(hidden, ELFK_INT);'
[ $? != 0 ] &&
	grep -q 'error: ELFK_EXPORT_TYPED(greet, ...): parameter 0 names parameter 0 as its length, which is not an ELFK_LEN' "$T/typedbad.log" &&
	grep -q 'error: ELFK_EXPORT_TYPED(hidden, ...): the plugin exports no function hidden' "$T/typedbad.log"
sdk_ok $? "the post-link check refuses a bad or unexported ELFK_EXPORT_TYPED()" "$T/typedbad.log"

echo "1..$n"
echo "# sdk: $((n - sdk_failed)) passed, $sdk_failed failed"
[ "$sdk_failed" = 0 ] || rc=1

exit $rc
