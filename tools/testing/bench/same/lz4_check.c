// SPDX-License-Identifier: GPL-2.0
/*
 * The caller's side of make bench's same-code lz4 plugin: lz4_compress.so
 * is this file plus the kernel's lib/lz4/lz4_compress.c, unmodified, with
 * its exports visible as the module's are (same.mk).  lz4_bench_check()
 * compresses same_input.h's buffer with LZ4_compress_default() and returns
 * the hash that the stock kernel's module (kmod-same/bench_lz4check.c)
 * prints for the same call.
 */
#include <linux/types.h>
#include <linux/lz4.h>
#include "same_input.h"

__attribute__((visibility("default"))) long lz4_bench_check(long unused);

static char lz4_in[SAME_INPUT_LEN];
static char lz4_out[LZ4_COMPRESSBOUND(SAME_INPUT_LEN)];
static char lz4_wrk[LZ4_MEM_COMPRESS] __attribute__((aligned(8)));

long lz4_bench_check(long unused)
{
	int n;

	same_input_fill(lz4_in);
	n = LZ4_compress_default(lz4_in, lz4_out, SAME_INPUT_LEN,
				 sizeof(lz4_out), lz4_wrk);
	if (n <= 0)
		return -1;
	return (long)same_hash(lz4_out, n);
}
