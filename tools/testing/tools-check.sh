#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The userspace tools' own tests, as TAP: elfk-ctl (argument parser, CLI
# against a fake device, help versus man page), libelfk, "elfk-ctl check"
# on the malformed corpus and the example plugins, the uapi ABI layout, and
# the plugin SDK (post-link check self-test, the guest script dry run, and
# what a new plugin's Makefile gets: the documented first plugin, headers,
# stack frames, exports, typed declarations; make module O= and make
# install's signing check against a stand-in kernel tree).
set -uo pipefail
TOP=$(cd "$(dirname "$0")/../.." && pwd)
rc=0
make -C "$TOP/tools/elfk-ctl" all static check || rc=1
make -C "$TOP/tools/testing/uapi" check || rc=1
make -C "$TOP/tools/testing/verify" check || rc=1
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
	# shellcheck disable=SC2016 # $(call ...) is make's
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

# --- make module / make install against a stand-in kernel tree ---
# The stand-in records the O kbuild would see and creates it, as kbuild
# creates its output tree (relative to KDIR, where it runs), and installs
# elfk.ko as kbuild does for an external module: signed only if
# FAKE_SIGN=1, without failing otherwise (scripts/Makefile.modinst's
# "|| true").
mkdir -p "$T/kdir/include/config"
echo 'CONFIG_MODULE_SIG_ALL=y' >"$T/kdir/include/config/auto.conf"
cat >"$T/kdir/Makefile" <<'MK'
modules:
	@echo "$(origin O) [$(O)]" >$(M)/kbuild-O
	@[ -z "$(O)" ] || mkdir -p $(O)
	@printf '\177ELF fake module' >$(M)/elfk.ko
modules_install:
	@mkdir -p $(INSTALL_MOD_PATH)/lib/modules/9.9-fake/updates
	@cp $(M)/elfk.ko $(INSTALL_MOD_PATH)/lib/modules/9.9-fake/updates/
	@[ "$(FAKE_SIGN)" != 1 ] || printf '~Module signature appended~\n' >>$(INSTALL_MOD_PATH)/lib/modules/9.9-fake/updates/elfk.ko
MK
make -C "$TOP" module KDIR="$T/kdir" O="$T/out" >"$T/module.log" 2>&1 &&
	grep -qx '.* \[\]' "$T/out/module/kbuild-O"
sdk_ok $? "make module O=DIR: kbuild gets no O (a relative one would land in KDIR)" "$T/module.log"
# A relative O, as "make module O=build/x" from the top directory.
relo=build/tools-check-o.$$
make -C "$TOP" module KDIR="$T/kdir" O="$relo" >"$T/module-rel.log" 2>&1 &&
	[ -z "$(find "$T/kdir" -mindepth 1 -newer "$T/kdir/Makefile")" ]
sdk_ok $? "make module O=RELATIVE writes nothing into KDIR" "$T/module-rel.log"
rm -rf "${TOP:?}/$relo"

make -C "$TOP" install KDIR="$T/kdir" O="$T/out" INSTALL_MOD_PATH="$T/root" >"$T/install.log" 2>&1
[ $? != 0 ] && grep -q 'make install: .*/updates/elfk.ko is not signed' "$T/install.log"
sdk_ok $? "make install fails when the kernel signs modules and signing failed" "$T/install.log"
rm -rf "$T/root"
make -C "$TOP" install KDIR="$T/kdir" O="$T/out" INSTALL_MOD_PATH="$T/root" FAKE_SIGN=1 >"$T/install-signed.log" 2>&1
sdk_ok $? "make install passes when the module was signed" "$T/install-signed.log"
rm -rf "$T/root"
echo '# CONFIG_MODULE_SIG_ALL is not set' >"$T/kdir/include/config/auto.conf"
make -C "$TOP" install KDIR="$T/kdir" O="$T/out" INSTALL_MOD_PATH="$T/root" >"$T/install-nosig.log" 2>&1
sdk_ok $? "make install passes unsigned when the kernel does not sign modules" "$T/install-nosig.log"

# --- The symbol namespace's spelling follows the kernel (elfk/ns.kbuild) ---
# Two stand-in kernel trees, one per <linux/module.h> form; their kbuild
# reads the module's Kbuild as the real one does and records its flags.
# The SDK's generated plugin-module Kbuild, the example provider's and
# elfk's own must all define ELFK_NS_STRING for the 6.13 form only.
ns_tree() { # DIR MODULE_IMPORT_NS-DEFINITION
	mkdir -p "$1/include/linux"
	printf '#define MODULE_IMPORT_NS(ns) %s\n' "$2" >"$1/include/linux/module.h"
	cat >"$1/Makefile" <<'MK'
srctree := $(CURDIR)
src := $(or $(SRC),$(M))
include $(src)/Kbuild
modules:
	@echo "$(ccflags-y)" >$(M)/ccflags
	@printf '\177ELF fake module' >$(M)/$(firstword $(obj-m:.o=.ko))
MK
}
ns_tree "$T/ns-new" 'MODULE_INFO(import_ns, ns)'
ns_tree "$T/ns-old" 'MODULE_INFO(import_ns, __stringify(ns))'
printf '\177ELF' >"$T/ns.so"
ns_bad=
for form in new old; do
	want=yes
	[ $form = old ] && want=no
	out=$T/ns-$form-out
	make -f "$SDK_MK" plugin-module PLUGIN="$T/ns.so" MODULE=nsprobe \
		KDIR="$T/ns-$form" ELFK_SYMVERS="$T/ns.so" ELFK_OUT="$out" \
		>"$T/ns-$form.log" 2>&1
	f=$(find "$out" -name ccflags 2>/dev/null | head -1)
	got=no
	[ -n "$f" ] && grep -q -- -DELFK_NS_STRING "$f" && got=yes
	[ -n "$f" ] && [ $got = $want ] ||
		ns_bad="$ns_bad sdk-$form(got $got)"
	for k in "$TOP" "$TOP/tools/examples/modules"; do
		d=$T/ns-$form-kb
		rm -rf "$d" && mkdir -p "$d"
		make -s -C "$T/ns-$form" M="$d" SRC="$k" ELFK_SRC="$TOP" \
			modules >>"$T/ns-$form.log" 2>&1
		got=no
		grep -q -- -DELFK_NS_STRING "$d/ccflags" 2>/dev/null && got=yes
		[ -f "$d/ccflags" ] && [ $got = $want ] ||
			ns_bad="$ns_bad ${k#"$TOP"}/Kbuild-$form(got $got)"
	done
done
echo "wrong:$ns_bad" >>"$T/ns-new.log"
[ -z "$ns_bad" ]
sdk_ok $? "ELFK_NS_STRING is defined for 6.13's MODULE_IMPORT_NS only, in every Kbuild" "$T/ns-new.log"

# --- libelfk, and "elfk-ctl check" against the core's defect tables ---
make -C "$TOP/tools/lib/elfk" check >"$T/libelfk.log" 2>&1
sdk_ok $? "libelfk: make check (wrappers, validator, exports, example)" "$T/libelfk.log"

# As a user of the packages would: make install DESTDIR=... PREFIX=/usr,
# then the example program with pkg-config's flags, against libelfk.so.0.
# shellcheck disable=SC2086 # $flags below: pkg-config's words
make -C "$TOP/tools/lib/elfk" install DESTDIR="$T/inst" PREFIX=/usr >"$T/install-lib.log" 2>&1 &&
	flags=$(PKG_CONFIG_SYSROOT_DIR="$T/inst" PKG_CONFIG_LIBDIR="$T/inst/usr/lib/pkgconfig" \
		pkg-config --cflags --libs elfk) &&
	echo "pkg-config: $flags" >>"$T/install-lib.log" &&
	cc -o "$T/load_call" "$TOP/tools/lib/elfk/examples/load_call.c" $flags >>"$T/install-lib.log" 2>&1 &&
	readelf -d "$T/load_call" | grep -q 'NEEDED.*\[libelfk.so.0\]' &&
	test "$(readlink "$T/inst/usr/lib/libelfk.so.0")" = "libelfk.so.$(tr -d ' \n' <"$TOP/VERSION")"
sdk_ok $? "libelfk: make install, pkg-config --cflags --libs elfk builds the example" "$T/install-lib.log"

# The malformed corpus (kunit/elf_cases.c and rel_cases.c written out):
# for every row, "elfk-ctl check" refuses with the row's errno and the
# message the host and KUnit tests expect of the core.
make -C "$TOP/tools/testing/corpus" O="$T/corpus" >"$T/corpus.log" 2>&1
sdk_ok $? "corpus: the malformed images are written" "$T/corpus.log"
# Both builds of the tool: a static binary's heap lies in the first 4 GiB,
# where a 32-bit absolute relocation would fit, unlike the kernel's vmalloc
# addresses (libelfk places objects above 4 GiB for that).
for CTL in "$TOP/tools/elfk-ctl/elfk-ctl" "$TOP/tools/elfk-ctl/elfk-ctl.static"; do
	rows=0
	: >"$T/corpus-bad"
	while read -r file ename msg; do
		case $file in '' | '#'*) continue ;; esac
		rows=$((rows + 1))
		"$CTL" check "$T/corpus/malformed/$file" >"$T/chk.out" 2>"$T/chk.err"
		st=$?
		if [ $st != 1 ] || ! head -1 "$T/chk.err" | grep -q "($ename)\$" ||
			! tail -n +2 "$T/chk.err" | grep -qF -- "$msg"; then
			{ echo "$file: want $ename '$msg', exit $st:"; cat "$T/chk.err"; } >>"$T/corpus-bad"
		fi
	done <"$T/corpus/malformed/expect.txt"
	[ "$rows" -gt 150 ] && [ ! -s "$T/corpus-bad" ]
	sdk_ok $? "${CTL##*/} check: all $rows corpus rows refused with the kernel's errno and message" "$T/corpus-bad"
done
CTL=$TOP/tools/elfk-ctl/elfk-ctl

# The example plugins: accepted, but for the expected-refusal fixtures,
# which are refused for the reason they exist.
: >"$T/plugins-bad"
for f in "$TOP"/tools/build/*.so "$TOP"/tools/build/*.o; do
	[ -e "$f" ] || continue
	"$CTL" check "$f" >"$T/chk.out" 2>"$T/chk.err"
	st=$?
	case ${f##*/} in
	undef.so) want="undefined symbol 'no_such_kernel_function'" ;;
	onecopy_undef.so) want="undefined symbol 'no_such_kernel_function'" ;;
	tls_ie.so) want="DF_STATIC_TLS" ;;
	tls_ie_rel.o) want="R_X86_64_GOTTPOFF" ;;
	*) want= ;;
	esac
	if [ -z "$want" ]; then
		[ $st = 0 ] || { echo "${f##*/}: refused:"; cat "$T/chk.err"; } >>"$T/plugins-bad"
	elif [ $st != 1 ] || ! grep -qF -- "$want" "$T/chk.err"; then
		{ echo "${f##*/}: want a refusal naming $want:"; cat "$T/chk.err"; } >>"$T/plugins-bad"
	fi
done
[ -e "$TOP/tools/build/hello.so" ] && [ ! -s "$T/plugins-bad" ]
sdk_ok $? "elfk-ctl check: the example plugins pass, the expected refusals do not" "$T/plugins-bad"

echo "1..$n"
echo "# sdk: $((n - sdk_failed)) passed, $sdk_failed failed"
[ "$sdk_failed" = 0 ] || rc=1

exit $rc
