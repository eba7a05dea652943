#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# verified.sh: verified mode's part of "make bench" (issue 15), in the guest
# with elfk loaded; guest.sh runs it, "BENCH_ONLY=verified make bench"
# alone.  Prints "RESULT v..." lines (see bench_verified.c).
#
# The images are run-verified.sh's: real.so is tools/testing/verify/real's
# LZ4, xxHash and SHA-256 built with VERIFIED=1, real-native.so the same
# sources as an ordinary plugin.  Environment: BENCH_VERIFIED_GUEST_RUNS
# (runs per CALL row, default 21), BENCH_VERIFIED_LOADS (LOAD rounds,
# default 30), BENCH_VERIFIED_SBX_RUNS (the control's runs, default 9),
# BENCH_VERIFIED_KVERIFY (verified LOADs of big.so timed, default 15).

set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$HERE")
R=$ROOT/tests/verified/real
B=$HERE/bench_verified
PARAMS=/sys/module/elfk/parameters

if [ ! -f "$R/real.so" ]; then
	echo "# verified: no $R/real.so (the guest tree was built without linux-source)"
	exit 0
fi
echo "# verified: $(uname -r)"
"$B" verify "$R/real.so"
# V1 in the kernel: big.so (tools/testing/verify/big, over 256 KiB of code),
# the module's own verify time from N verified LOADs' logs, and the same
# C code in userspace on the same image.
if [ -f "$HERE/big.so" ]; then
	"$B" verify "$HERE/big.so"
	"$B" kverify "$HERE/big.so" "${BENCH_VERIFIED_KVERIFY:-15}"
fi
"$B" load "$R/real.so" "$R/real-native.so" "${BENCH_VERIFIED_LOADS:-30}"
# A looping CALL runs about 100 ms of native time: more than the default
# budget may allow the verified one.  Refills stay 2^16 units apart.
fuel=$(cat "$PARAMS/verified_fuel")
echo $((1 << 36)) >"$PARAMS/verified_fuel"
"$B" call "$R/real.so" "$R/real-native.so" "${BENCH_VERIFIED_GUEST_RUNS:-21}"
echo "$fuel" >"$PARAMS/verified_fuel"
# The control: (f)'s userspace model of the runtime, the same real.so, in
# this guest's TCG CPU.  Its ratios against (f)'s on the host show what
# TCG's cost model does to the same code without the kernel.
if [ -x "$HERE/sbx-bench" ]; then
	"$HERE/sbx-bench" "$R/real.so" "${BENCH_VERIFIED_SBX_RUNS:-9}" | sed 's/^RESULT verified /RESULT vsbx /; s/^RESULT verify /RESULT vsbx-verify /'
fi
