#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Build elfk.ko, and elfk_kunit.ko when the kernel has KUnit (ELFK_KUNIT=n
# among the make arguments: never), against one kernel tree without
# touching the source tree:
# kbuild writes objects next to the sources, so each kernel gets its own
# copy of them in OUTDIR.
#
# With --examples, then the example modules of tools/examples/modules (a
# plugin carried by a module, a symbol-table provider and its plugin),
# against the same kernel and this elfk's Module.symvers; the products go to
# OUTDIR/guest/modules, which check.sh packs as /elfk/modules for
# tools/testing/guest/run-modules.sh.
#
# usage: build-module.sh [--examples] KDIR OUTDIR [make arguments...]
set -euo pipefail

examples=0
if [ "${1:-}" = --examples ]; then
	examples=1
	shift
fi
if [ $# -lt 2 ]; then
	echo "usage: $0 [--examples] KDIR OUTDIR [make arguments...]" >&2
	exit 2
fi
kdir=$1
out=$2
shift 2
src=$(cd "$(dirname "$0")/../.." && pwd)

mkdir -p "$out"
rsync -a --delete --exclude='*.o' --exclude='.*.cmd' \
	"$src/Kbuild" "$src/lib" "$src/elfk" "$src/arch" "$src/uapi" "$src/kunit" "$out/"
# O= on our command line ("make module O=DIR") reaches this make through
# MAKEFLAGS, where kbuild would take it for the kernel's output tree, and a
# relative one would be created inside KDIR: give kbuild an empty O.
out=$(cd "$out" && pwd)
# elfk_kunit.ko is built only for a kernel with KUnit: none from before.
rm -f "$out/elfk_kunit.ko"
make -C "$kdir" M="$out" O= -j"$(nproc)" "$@" modules
test -f "$out/elfk.ko"
[ "$examples" = 1 ] || exit 0
# A kernel built here has its own module signing key: the plugin modules
# are signed with it, as a user signs with theirs (run-modules.sh checks).
sign=()
if [ -f "$kdir/certs/signing_key.pem" ] && [ -f "$kdir/certs/signing_key.x509" ]; then
	sign=(SIGN_KEY="$kdir/certs/signing_key.pem" SIGN_CERT="$kdir/certs/signing_key.x509")
fi
make -C "$src/tools/examples/modules" O= KDIR="$kdir" OUT="$out/examples" \
	ELFK_SYMVERS="$out/Module.symvers" "${sign[@]}"
rm -rf "$out/guest/modules"
mkdir -p "$out/guest/modules"
cp -f "$out"/examples/*.ko "$out"/examples/*.so "$out/guest/modules/"
[ ${#sign[@]} = 0 ] || : >"$out/guest/modules/signed-by-kdir"
