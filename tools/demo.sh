#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# make demo [KERNEL=stock-6.1]: build elfk.ko for one of Debian's stock
# kernels (default: the newest supported series the archive offers), elfk-ctl
# and the example plugins, boot that kernel in QEMU (TCG) with elfk loaded,
# and run tools/testing/guest/demo.sh there.  On a fresh Debian 12 machine,
# `make deps` (as root) first installs what it needs.
set -euo pipefail

TOP=$(cd "$(dirname "$0")/.." && pwd)
cd "$TOP"
# shellcheck source=testing/vm/lib.sh
. "$TOP/tools/testing/vm/lib.sh"

kernel=${1:-stock-$(elfk_newest_series available)}
case $kernel in
stock-*) elfk_use_series "${kernel#stock-}" ;;
*) elfk_die "make demo: KERNEL must be stock-SERIES (series: $ELFK_SERIES_ALL), not '$kernel'" ;;
esac
elfk_log "demo on Debian's $ELFK_SERIES kernel (make demo KERNEL=stock-SERIES for another)"

out=build/demo-$ELFK_SERIES
mkdir -p "$out"
elfk_need_pkgs "${ELFK_VM_PKGS[@]}" rsync libelf-dev
KDIR=$(tools/elfk-vm --kdir "$kernel")
tools/testing/build-module.sh "$KDIR" "$out/module" >"$out/module.log" 2>&1 ||
	{ cat "$out/module.log"; exit 1; }
make -s -C tools guest DESTDIR="$TOP/$out/guest" >"$out/guest-tools.log" 2>&1 ||
	{ cat "$out/guest-tools.log"; exit 1; }
exec tools/elfk-vm --kernel "$kernel" --ko "$out/module/elfk.ko" --add "$out/guest" \
	--log "$out/demo.log" -- /elfk/tests/demo.sh
