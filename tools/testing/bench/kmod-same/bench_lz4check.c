// SPDX-License-Identifier: GPL-2.0
/*
 * bench_lz4check: make bench's identical-output check, module side.  Built
 * against the stock headers, it calls the stock kernel's own
 * LZ4_compress_default() (Debian's lz4_compress.ko, loaded first) on
 * same_input.h's buffer and prints the hash that the plugin's
 * lz4_bench_check() returns for the same call.
 */
#include <linux/init.h>
#include <linux/lz4.h>
#include <linux/module.h>
#include <linux/vmalloc.h>
#include "same_input.h"

static int __init bench_lz4check_init(void)
{
	char *in, *out, *wrk;
	int n;

	in = vmalloc(SAME_INPUT_LEN);
	out = vmalloc(LZ4_COMPRESSBOUND(SAME_INPUT_LEN));
	wrk = vmalloc(LZ4_MEM_COMPRESS);
	if (!in || !out || !wrk) {
		n = -ENOMEM;
		goto out;
	}
	same_input_fill(in);
	n = LZ4_compress_default(in, out, SAME_INPUT_LEN,
				 LZ4_COMPRESSBOUND(SAME_INPUT_LEN), wrk);
	pr_info("bench_lz4check: %d %lld\n", n,
		n > 0 ? (long long)same_hash(out, n) : -1LL);
	n = 0;
out:
	vfree(wrk);
	vfree(out);
	vfree(in);
	return n;
}

static void __exit bench_lz4check_exit(void)
{
}

module_init(bench_lz4check_init);
module_exit(bench_lz4check_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("elfk benchmark: the stock kernel's LZ4 on a fixed buffer");
