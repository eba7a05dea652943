// SPDX-License-Identifier: GPL-2.0
/*
 * make bench's big image as a module (../same/big.h): the bench_big_<KB>.c
 * files that run.sh writes define BIG_KB and include this one.
 */
#include <linux/init.h>
#include <linux/module.h>
#include "big.h"

long bench_big_touch(long stride)
{
	return big_sum(stride);
}
EXPORT_SYMBOL_GPL(bench_big_touch);

static int __init bench_big_init(void)
{
	return 0;
}

static void __exit bench_big_exit(void)
{
}

module_init(bench_big_init);
module_exit(bench_big_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("elfk benchmark: a module with a large read-only blob");
