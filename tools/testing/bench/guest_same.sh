#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# guest_same.sh: the guest half of make bench's same-code and big-image
# rows (run.sh's part (g)), run by guest.sh or alone (BENCH_ONLY=same).
# In bench/same/: lz4_compress.so (the kernel's lib/lz4/lz4_compress.c as
# a plugin), lz4_compress.ko (Debian's module of the running kernel,
# decompressed on the host), lz4_compress_nosig.ko (the same without its
# signature), bench_lz4check.ko, and big_KB.so beside
# bench_big_KB.ko for each size.  Prints "RESULT pair ..." (bench_pair.c),
# "RESULT call lz4_bench_check HASH" (the plugin's LZ4 output) and
# "RESULT lz4ko LEN HASH" (the stock module's, read from the kernel log).
# Environment: BENCH_SAME_N (rounds, default 200).

set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
B=$HERE/bench_pair
S=$HERE/same
N=${BENCH_SAME_N:-200}

echo "# guest: $(uname -r), $(grep -c ^processor /proc/cpuinfo) CPUs, $(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)"

"$B" pair lz4 "$S/lz4_compress.so" "$S/lz4_compress.ko" lz4_compress "$N"
"$B" pair lz4_nosig "$S/lz4_compress.so" "$S/lz4_compress_nosig.ko" lz4_compress "$N"
# Smallest first.
sizes=$(for so in "$S"/big_*.so; do
	kb=${so##*/big_}
	echo "${kb%.so}"
done | sort -n)
for kb in $sizes; do
	"$B" pair "big_$kb" "$S/big_$kb.so" "$S/bench_big_$kb.ko" "bench_big_$kb" "$N"
done

# Identical output: the plugin's LZ4_compress_default() and the stock
# module's, on the same buffer (same/same_input.h).
"$B" call "$S/lz4_compress.so" lz4_bench_check
insmod "$S/lz4_compress.ko"
insmod "$S/bench_lz4check.ko"
dmesg | sed -n 's/.*bench_lz4check: \(-*[0-9]*\) \(-*[0-9]*\)$/RESULT lz4ko \1 \2/p' | tail -n 1
rmmod bench_lz4check
rmmod lz4_compress
