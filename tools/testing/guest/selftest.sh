#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# selftest.sh BUILD_DIR: dry-run run-e2e.sh on the host, against mockctl
# (a dlopen-based stand-in for elfk-ctl and the kernel) and the plugins in
# BUILD_DIR.  Checks the script's syntax under sh and busybox sh, that it
# runs to the end, and that exactly the assertions a dry run cannot satisfy
# fail (see EXPECTED_FAILURES).  Everything else passing means the expected
# values in run-e2e.sh match what the example plugins compute.

set -u
here=$(cd "$(dirname "$0")" && pwd)
build=$(cd "${1:?usage: selftest.sh BUILD_DIR}" && pwd)
CC=${CC:-gcc}

# What a host dry run cannot do: a real device node (unless mknod works),
# state kept between two "calls" (each mockctl run is a new process, so
# "info" has no allocator counters), a DT_NEEDED dependency on another
# plugin (badfree_user.so), LOAD through the device (loadfault), and ET_REL
# objects (dlopen() only loads shared objects).
EXPECTED_FAILURES='not ok - call fp bump = 9 (state kept between calls)
not ok - unload kcalls: leak reported
not ok - badfree holds 100 bytes
not ok - double free: badfree still holds 100 bytes
not ok - free of a CALL buffer: badfree still holds 100 bytes
not ok - load badfree_user: prints an id
not ok - badfree holds nothing after its own free
not ok - LOAD with a read-only log buffer or struct elfk_load: EFAULT, nothing loaded
not ok - load fptr_rel: prints an id
not ok - load kcalls_rel: prints an id
not ok - malformed wrong.bin: refused with EINVAL, "invalid ELF header"'

sh -n "$here/run-e2e.sh" || exit 1
if command -v busybox >/dev/null 2>&1; then
	busybox sh -n "$here/run-e2e.sh" || exit 1
fi

t=$(mktemp -d "${TMPDIR:-/tmp}/elfk-selftest.XXXXXX") || exit 1
trap 'rm -rf "$t"' EXIT
chmod 755 "$t"
mkdir "$t/state" && chmod 777 "$t/state"
$CC -O2 -Wall -mincoming-stack-boundary=3 -rdynamic -o "$t/mockctl" "$here/mockctl.c" -ldl || exit 1
: >"$t/state/dmesg"
chmod 666 "$t/state/dmesg"

# Malformed images: mockctl refuses anything dlopen refuses with ENOENT and
# dlerror()'s text; wrong.bin's line expects the wrong errno on purpose.
mkdir "$t/malformed"
printf '%0128d\n' 0 >"$t/malformed/garbage.bin"
cp "$t/malformed/garbage.bin" "$t/malformed/wrong.bin"
: >"$t/malformed/empty.bin"
cat >"$t/malformed/expect.txt" <<'X'
# FILE ERRNO_NAME MESSAGE-SUBSTRING...
garbage.bin ENOENT invalid ELF header

empty.bin ENOENT file too short
wrong.bin EINVAL invalid ELF header
X

dev=$t/elfload
if ! mknod "$dev" c 1 3 2>/dev/null; then
	dev=/dev/null
	EXPECTED_FAILURES="not ok - /dev/elfload exists, is a character device, mode 0600, owned by root
$EXPECTED_FAILURES"
else
	chmod 600 "$dev"
fi

status=0
for shell in sh busybox; do
	case $shell in busybox) command -v busybox >/dev/null 2>&1 || continue; set -- busybox sh ;; *) set -- sh ;; esac
	rm -f "$t/state/objects" "$t/state/nextid"
	ELFK_MOCK_STATE=$t/state ELFK_CTL=$t/mockctl ELFK_PLUGINS=$build \
	ELFK_DEV=$dev ELFK_RUNAS=$build/runas ELFK_LOADFAULT=$build/loadfault \
	ELFK_KMSG=$t/state/dmesg \
	ELFK_DMESG="cat $t/state/dmesg" ELFK_MALFORMED=$t/malformed \
	ELFK_LOOPS=3 "$@" "$here/run-e2e.sh" >"$t/tap" 2>&1
	rc=$?
	got=$(grep '^not ok' "$t/tap" | sed 's/\/dev\/null/\/dev\/elfload/' | sed "s|$dev|/dev/elfload|")
	if [ "$got" != "$EXPECTED_FAILURES" ] || [ "$rc" = 0 ] || ! grep -q '^1\.\.[0-9]' "$t/tap"; then
		echo "selftest ($*): unexpected result (exit $rc)" >&2
		cat "$t/tap" >&2
		status=1
	else
		echo "selftest ($*): $(grep -c '^ok' "$t/tap") passed, the $(echo "$EXPECTED_FAILURES" | wc -l) expected dry-run failures failed"
	fi
done
exit $status
