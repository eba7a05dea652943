#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# make demo: build elfk.ko for Debian's stock 6.1 kernel, elfk-ctl and the
# example plugins, boot that kernel in QEMU (TCG) with elfk loaded, and run
# tools/testing/guest/demo.sh there.  Installs what it needs (apt-get, as
# root) on a fresh Debian 12 machine.
set -euo pipefail

TOP=$(cd "$(dirname "$0")/.." && pwd)
cd "$TOP"
# shellcheck source=testing/vm/lib.sh
. "$TOP/tools/testing/vm/lib.sh"

elfk_need_pkgs linux-headers-amd64 qemu-system-x86 busybox-static gcc make \
	libc6-dev libelf-dev rsync cpio kmod
KDIR=$(tools/elfk-vm --kdir stock)
tools/testing/build-module.sh "$KDIR" build/stock >build/demo-module.log 2>&1 ||
	{ cat build/demo-module.log; exit 1; }
make -s -C tools guest DESTDIR="$TOP/build/guest" >/dev/null
exec tools/elfk-vm --kernel stock --ko build/stock/elfk.ko --add build/guest \
	--log build/demo.log -- /elfk/tests/demo.sh
