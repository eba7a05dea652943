#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Build elfk.ko against one kernel tree without touching the source tree:
# kbuild writes objects next to the sources, so each kernel gets its own
# copy of them in OUTDIR.
#
# usage: build-module.sh KDIR OUTDIR [make arguments...]
set -euo pipefail

if [ $# -lt 2 ]; then
	echo "usage: $0 KDIR OUTDIR [make arguments...]" >&2
	exit 2
fi
kdir=$1
out=$2
shift 2
src=$(cd "$(dirname "$0")/../.." && pwd)

mkdir -p "$out"
rsync -a --delete --exclude='*.o' --exclude='.*.cmd' \
	"$src/Kbuild" "$src/elfk" "$src/arch" "$src/uapi" "$src/kunit" "$out/"
# O= on our command line ("make module O=DIR") reaches this make through
# MAKEFLAGS, where kbuild would take it for the kernel's output tree, and a
# relative one would be created inside KDIR: give kbuild an empty O.
make -C "$kdir" M="$(cd "$out" && pwd)" O= -j"$(nproc)" "$@" modules
test -f "$out/elfk.ko"
