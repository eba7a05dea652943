#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# guest.sh: the guest half of "make bench" (run.sh), run in QEMU with elfk
# loaded.  Prints "RESULT ..." lines (see bench_guest.c); anything else is
# commentary.  Environment: BENCH_TLS_N (accesses, default 10000000),
# BENCH_REPS (default 5), BENCH_LOADS (load/unload pairs, default 200).

set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$HERE")
PATH=$ROOT/bin:$PATH
B=$HERE/bench_guest
N=${BENCH_TLS_N:-10000000}
REPS=${BENCH_REPS:-5}
LOADS=${BENCH_LOADS:-200}

echo "# guest: $(uname -r), $(grep -c ^processor /proc/cpuinfo) CPUs, $(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)"
id=$(elfk-ctl load "$ROOT/plugins/tls.so")
"$B" tls "$id" "$N" "$REPS"
elfk-ctl unload "$id"
"$B" elfk "$ROOT/plugins/hello.so" "$LOADS"
"$B" elfk "$ROOT/plugins/noctor.so" "$LOADS"
"$B" elfk "$ROOT/plugins/tls.so" "$LOADS"
"$B" elfk "$ROOT/plugins/tls_rel.o" "$LOADS"
"$B" kmod "$HERE/bench_hello.ko" bench_hello "$LOADS"
