// SPDX-License-Identifier: GPL-2.0
/*
 * bench_hello: a trivial kernel module for the load-time benchmark
 * (tools/testing/bench/run.sh): insmod/rmmod of this against elfk's
 * LOAD/UNLOAD of an example plugin of similar size.
 */
#include <linux/init.h>
#include <linux/module.h>

static int bench_value;

int bench_hello_add(int a, int b)
{
	return a + b + bench_value;
}
EXPORT_SYMBOL_GPL(bench_hello_add);

static int __init bench_hello_init(void)
{
	bench_value = 1;
	return 0;
}

static void __exit bench_hello_exit(void)
{
	bench_value = 0;
}

module_init(bench_hello_init);
module_exit(bench_hello_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("elfk benchmark: a trivial module");
