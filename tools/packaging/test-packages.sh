#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# test-packages.sh: the "packages" stage of make check.  Builds the Debian
# packages (make deb), runs lintian on them, tests the bash completion, then
# installs them as a user would in a clean Debian 12 root and uses them
# there.  One TAP line per check (Documentation/packages.rst, "Tests").
#
# The root is debootstrap's minbase from this machine's apt mirror plus the
# packages' dependencies and the headers of Debian's stock kernels of each
# series elfk supports; it is built once (several minutes) and cached as
# the directory $ELFK_CACHE/chroot-bookworm-YYYYMM-KEY, KEY a hash of the
# mirror and the package list.  Each run starts from it afresh: an overlay
# with its upper directory in build/packages/upper (emptied first), mounted
# at build/packages/root.  The overlay, /proc and /dev are mounted in a
# private mount namespace for each command, so nothing stays mounted.  Nothing touches this machine's
# kernel: DKMS builds and installs elfk.ko into the root's /lib/modules.
#
# usage: test-packages.sh        (root for the chroot checks, else skipped)
set -uo pipefail

TOP=$(cd "$(dirname "$0")/../.." && pwd)
cd "$TOP" || exit 1
# shellcheck source-path=SCRIPTDIR source=../testing/vm/lib.sh
. "$TOP/tools/testing/vm/lib.sh"

OUT=$TOP/build/packages
DEBS=$TOP/build/deb
ROOT=$OUT/root
UPPER=$OUT/upper
SUITE=bookworm
mkdir -p "$OUT"
fails=0

tap() { # ok|not-ok NAME [DETAIL]
	local line
	if [ "$1" = ok ]; then line="ok - $2"; else line="not ok - $2"; fails=$((fails + 1)); fi
	[ -z "${3:-}" ] || line+=" ($3)"
	printf '%s\n' "$line"
}
# result NAME LOG CMD...: run CMD, output to LOG; its tail as diagnostics on failure.
result() {
	local name=$1 log=$2
	shift 2
	if "$@" >"$log" 2>&1; then
		tap ok "$name"
	else
		tap not-ok "$name" "log $log"
		tail -n 15 "$log" | sed 's/^/# /'
	fi
}
skip() { printf 'ok - %s # SKIP %s\n' "$1" "$2"; }

# --- build, lintian, completion (no root needed) ----------------------------
result "make deb" "$OUT/deb.log" make deb
first() { [ -e "$1" ] && echo "$1"; }
dkms_deb=$(first "$DEBS"/elfk-dkms_*_all.deb)
tools_deb=$(first "$DEBS"/elfk-tools_*_amd64.deb)
lib_deb=$(first "$DEBS"/libelfk0_*_amd64.deb)
dev_deb=$(first "$DEBS"/libelfk-dev_*_amd64.deb)
changes=$(first "$DEBS"/elfk_*.changes)
if [ -z "$dkms_deb" ] || [ -z "$tools_deb" ] || [ -z "$lib_deb" ] || [ -z "$dev_deb" ] || [ -z "$changes" ]; then
	tap not-ok "packages built" "no elfk-dkms/elfk-tools/libelfk0/libelfk-dev .deb or .changes in $DEBS"
	exit 1
fi
version=$(dpkg-deb -f "$dkms_deb" Version)

# Errors and warnings fail; informational and pedantic tags are shown.
lintian --pedantic -I --fail-on error,warning "$changes" >"$OUT/lintian.log" 2>&1
rc=$?
grep -v '^running with root privileges' "$OUT/lintian.log" | sed 's/^/# lintian: /'
if [ $rc = 0 ]; then tap ok "lintian: no errors or warnings"; else tap not-ok "lintian: no errors or warnings" "log $OUT/lintian.log"; fi

make -C tools/elfk-ctl elfk-ctl >"$OUT/elfk-ctl.log" 2>&1 || tap not-ok "build elfk-ctl" "log $OUT/elfk-ctl.log"
tools/elfk-ctl/completion/test-completion.sh tools/elfk-ctl/completion/elfk-ctl.bash \
	tools/elfk-ctl/elfk-ctl Documentation/elfk-ctl.rst | tee "$OUT/completion.log" |
	sed 's/^\(\(not \)\{0,1\}ok\) [0-9]* - /\1 - /'
[ "${PIPESTATUS[0]}" = 0 ] || fails=$((fails + 1))

# --- a clean Debian root ----------------------------------------------------
chroot_checks="install the packages; plugin from a plain directory; check refuses an import; elfk-ctl check; libelfk example with pkg-config; elfk-ctl --help; man elfk-ctl; installed completion; dkms build/install per kernel; purge"
if [ "$(id -u)" != 0 ]; then
	skip "clean root: $chroot_checks" "needs root (debootstrap, chroot)"
	exit $((fails != 0))
fi

# The apt mirror and the security mirror this machine uses (deb822 or
# one-line sources), for debootstrap and for the root's own sources.
mirror=$( (cat /etc/apt/sources.list.d/*.sources 2>/dev/null; echo) |
	awk '/^URIs:/ { u = $2 } /^Suites:/ { for (i = 2; i <= NF; i++) if ($i == "'$SUITE'") print u }' | head -n1)
[ -n "$mirror" ] || mirror=$(awk '$1 == "deb" && $3 == "'$SUITE'" { print $2; exit }' \
	/etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null)
mirror=${mirror:-http://deb.debian.org/debian}

kvers=()
for sr in ${ELFK_CHECK_SERIES:-$ELFK_SERIES_ALL}; do
	abi=$( (elfk_use_series "$sr" && elfk_stock_abi) 2>>"$OUT/abi.log") || {
		tap not-ok "kernel headers for $sr" "log $OUT/abi.log"
		continue
	}
	kvers+=("$abi-amd64")
done
# The packages' dependencies (python3: the verified-mode SDK's rewriter),
# man-db for "man", pkg-config for a program using libelfk-dev, the kernels'
# headers.
base_pkgs="dkms gcc make binutils python3 libc6 libc6-dev linux-libc-dev pkg-config man-db bash-completion"
hdr_pkgs=$(printf 'linux-headers-%s ' "${kvers[@]}")
key=$(printf '%s\n' "$mirror" "$SUITE" "$base_pkgs" "$hdr_pkgs" | sha256sum | cut -c1-12)
LOWER=$ELFK_CACHE/chroot-$SUITE-$(date -u +%Y%m)-$key

# in_root CMD: run the shell command CMD in the root (LOWER under UPPER, or
# PLAIN as it is), with /proc and /dev, in a mount namespace of its own.
in_root() {
	# shellcheck disable=SC2016 # $1... are the inner shell's
	unshare --mount --propagation private -- sh -c '
		if [ -n "$4" ]; then
			r=$4
		else
			r=$3 && mount -t overlay overlay \
				-o "lowerdir=$1,upperdir=$2,workdir=$2.work" "$r" || exit 1
		fi
		mount -t proc proc "$r/proc" && mount --bind /dev "$r/dev" &&
			exec chroot "$r" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin \
				HOME=/root LC_ALL=C.UTF-8 TERM=dumb /bin/bash -c "$5"' \
		sh "$LOWER" "$UPPER" "$ROOT" "${PLAIN:-}" "$1"
}

build_root() {
	local tmp=$LOWER.tmp
	rm -rf "$tmp"
	mkdir -p "$tmp"
	elfk_need_pkgs debootstrap || return 1
	echo "debootstrap $SUITE from $mirror"
	debootstrap --variant=minbase --include="${base_pkgs// /,}" "$SUITE" "$tmp" "$mirror" || return 1
	# The machine's own sources (the security suite has the kernel headers).
	rm -f "$tmp/etc/apt/sources.list"
	cp /etc/apt/sources.list.d/*.sources "$tmp/etc/apt/sources.list.d/" 2>/dev/null
	[ ! -f /etc/apt/sources.list ] || cp /etc/apt/sources.list "$tmp/etc/apt/"
	# 6.12's headers depend on its image; INITRD=No skips its initramfs.
	PLAIN=$tmp in_root "apt-get update -q && DEBIAN_FRONTEND=noninteractive INITRD=No \
		apt-get install -y -q --no-install-recommends $hdr_pkgs && apt-get clean" || return 1
	rm -rf "$tmp"/var/lib/apt/lists/* "$tmp"/boot/initrd.img-*
	mv "$tmp" "$LOWER"
}

t=$(date +%s)
mkdir -p "$ELFK_CACHE"
if [ -d "$LOWER" ]; then
	how=cached
else
	how=built
	(
		flock 9
		[ -d "$LOWER" ] || build_root
	) 9>"$LOWER.lock" >"$OUT/debootstrap.log" 2>&1
fi
if [ ! -d "$LOWER" ]; then
	tap not-ok "clean root: debootstrap $SUITE" "log $OUT/debootstrap.log"
	tail -n 15 "$OUT/debootstrap.log" | sed 's/^/# /'
	exit 1
fi
rm -rf "$ROOT" "$UPPER" "$UPPER.work"
mkdir -p "$ROOT" "$UPPER" "$UPPER.work"
tap ok "clean root: $SUITE minbase + dependencies + ${#kvers[@]} kernels' headers" "$how, $(($(date +%s) - t))s"

# Files put into the root go to the overlay's upper directory (whose
# directories hide the modes of the root's: /tmp must stay 1777).
mkdir -p "$UPPER/tmp/elfk"
chmod 1777 "$UPPER/tmp"
cp "$dkms_deb" "$tools_deb" "$lib_deb" "$dev_deb" tools/elfk-ctl/completion/test-completion.sh \
	Documentation/elfk-ctl.rst "$UPPER/tmp/elfk/"

result "clean root: dpkg -i elfk-dkms elfk-tools libelfk0 libelfk-dev" "$OUT/install.log" \
	in_root "dpkg -i /tmp/elfk/$(basename "$dkms_deb") /tmp/elfk/$(basename "$tools_deb") \
		/tmp/elfk/$(basename "$lib_deb") /tmp/elfk/$(basename "$dev_deb")"

# A plugin from a plain directory, built by an unprivileged user.
mkdir -p "$UPPER/home/user/hello" "$UPPER/home/user/bad"
cat >"$UPPER/home/user/hello/Makefile" <<'MK'
all:
include /usr/share/elfk/elfk-plugin.mk
$(call elfk_plugin,hello,hello.c)
all: $(ELFK_PLUGINS)
MK
cat >"$UPPER/home/user/hello/hello.c" <<'C'
#include <elfk/plugin.h>
#include <stdint.h>

ELFK_EXPORT uint64_t hello_add(uint64_t a, uint64_t b)
{
	elfk_printk("hello_add(%llu, %llu)", (unsigned long long)a, (unsigned long long)b);
	return a + b;
}
C
sed 's/elfk-plugin.mk/plugin.mk/; s/hello/bad/g' "$UPPER/home/user/hello/Makefile" >"$UPPER/home/user/bad/Makefile"
cat >"$UPPER/home/user/bad/bad.c" <<'C'
#include <elfk/plugin.h>
ELFK_IMPORT long kallsyms_lookup_name(const char *name);
ELFK_EXPORT long bad(void) { return kallsyms_lookup_name("x"); }
C
chown -R 65534:65534 "$UPPER/home/user"
as_user='setpriv --reuid=65534 --regid=65534 --clear-groups'
result "clean root: plugin built by make with include /usr/share/elfk/elfk-plugin.mk" \
	"$OUT/plugin.log" in_root "cd /home/user/hello && $as_user make &&
		readelf -h hello.so | grep -q 'DYN (Shared object file)' &&
		readelf -W --dyn-syms hello.so | grep -q ' FUNC  *GLOBAL .* hello_add\$'"
if in_root "cd /home/user/bad && $as_user make" >"$OUT/bad.log" 2>&1; then
	tap not-ok "clean root: installed check refuses an import elfk does not export" "make succeeded; log $OUT/bad.log"
elif grep -q kallsyms_lookup_name "$OUT/bad.log" && [ ! -e "$UPPER/home/user/bad/bad.so" ]; then
	tap ok "clean root: installed check refuses an import elfk does not export (plugin.mk)"
else
	tap not-ok "clean root: installed check refuses an import elfk does not export" "no kallsyms_lookup_name in $OUT/bad.log"
fi

# The same source as a verified plugin (VERIFIED=1): the installed SDK's
# rewriter (python3), bundle mode and post-link verifier (elfk-verify,
# under /usr/lib/elfk) accept it and the window note is there.
mkdir -p "$UPPER/home/user/vhello"
cat >"$UPPER/home/user/vhello/Makefile" <<'MK'
all:
VERIFIED := 1
include /usr/share/elfk/elfk-plugin.mk
$(call elfk_plugin,vhello,vhello.c)
all: $(ELFK_PLUGINS)
MK
cat >"$UPPER/home/user/vhello/vhello.c" <<'C'
#include <elfk/plugin.h>
#include <stdint.h>

ELFK_EXPORT uint64_t vhello_sum(const uint8_t *p, uint64_t n)
{
	uint64_t s = 0;

	while (n--)
		s += *p++;
	return s;
}
C
chown -R 65534:65534 "$UPPER/home/user/vhello"
result "clean root: verified plugin built by make VERIFIED=1 with the installed SDK" \
	"$OUT/verified.log" in_root "cd /home/user/vhello && $as_user make &&
		readelf -n vhello.so | grep -q elfk &&
		/usr/share/elfk/verified/elfk-verify vhello.so"

# The installed elfk-ctl runs the kernel's validator on the plugin.
result "clean root: elfk-ctl check accepts the plugin" "$OUT/ctl-check.log" \
	in_root "cd /home/user/hello && $as_user /usr/sbin/elfk-ctl check hello.so |
		grep -qx 'hello.so: accepted by elfk.s validator'"
# libelfk-dev's example program, built by a user with pkg-config against
# the installed libelfk.so.0; it runs up to opening the device, which a
# chroot without the module does not have.
result "clean root: libelfk example built with pkg-config --cflags --libs elfk" "$OUT/libelfk.log" \
	in_root "cd /home/user && cp /usr/share/doc/libelfk-dev/examples/load_call.c . &&
		$as_user sh -c 'cc -Wall -Werror -o load_call load_call.c \$(pkg-config --cflags --libs elfk)' &&
		readelf -d load_call | grep -q 'NEEDED.*libelfk.so.0' &&
		./load_call hello/hello.so hello_add 40 2 2>&1 |
		grep -qx 'load_call: open /dev/elfload: ENOENT'"
result "clean root: elfk-ctl --help, --version" "$OUT/help.log" \
	in_root "elfk-ctl --help | grep -q '^Commands:' && elfk-ctl --version | grep -q '^elfk-ctl '"
# "man --warnings" shows groff's complaints on stderr; there must be none.
result "clean root: man elfk-ctl" "$OUT/man.log" in_root "
	test \"\$(man -w elfk-ctl)\" = /usr/share/man/man8/elfk-ctl.8.gz &&
	MANWIDTH=80 man --warnings elfk-ctl 2>/tmp/man.err | grep -q '^SYNOPSIS' &&
	! test -s /tmp/man.err || { cat /tmp/man.err; false; }"
in_root "cd /tmp/elfk && ./test-completion.sh /usr/share/bash-completion/completions/elfk-ctl \
	/usr/sbin/elfk-ctl elfk-ctl.rst" >"$OUT/completion-installed.log" 2>&1
rc=$?
grep -c '^ok' "$OUT/completion-installed.log" >/dev/null
if [ $rc = 0 ]; then
	tap ok "clean root: installed completion" "$(grep -c '^ok' "$OUT/completion-installed.log") checks"
else
	tap not-ok "clean root: installed completion" "log $OUT/completion-installed.log"
	grep -v '^ok' "$OUT/completion-installed.log" | sed 's/^/# /'
fi

# elfk-dkms's postinst has DKMS build and install elfk.ko for every kernel
# with headers; then an explicit rebuild, as after a change to the sources.
for kver in "${kvers[@]}"; do
	# shellcheck disable=SC2016 # $ko is the root's shell's
	installed='dkms status -m elfk -v '$version' -k '$kver' | grep -q ": installed$" &&
		ko=$(ls /lib/modules/'$kver'/updates/dkms/elfk.ko*) && modinfo -F vermagic "$ko" &&
		modinfo -F vermagic "$ko" | grep -q "^'$kver' "'
	result "clean root: installing elfk-dkms built and installed elfk.ko for $kver" \
		"$OUT/dkms-postinst-$kver.log" in_root "$installed"
	result "clean root: dkms build and install -k $kver (vermagic $kver)" "$OUT/dkms-build-$kver.log" \
		in_root "dkms build --force -m elfk -v $version -k $kver &&
			dkms install --force -m elfk -v $version -k $kver && $installed"
done
result "clean root: dpkg --purge elfk-dkms removes the modules" "$OUT/purge.log" \
	in_root "dpkg --purge elfk-dkms && ! ls /lib/modules/*/updates/dkms/elfk.ko* 2>/dev/null &&
		! test -e /var/lib/dkms/elfk"
exit $((fails != 0))
