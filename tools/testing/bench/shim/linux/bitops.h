/* SPDX-License-Identifier: GPL-2.0 */
/* See types.h. */
#ifndef _BENCH_SHIM_LINUX_BITOPS_H
#define _BENCH_SHIM_LINUX_BITOPS_H
#include <linux/types.h>
static inline unsigned long __ffs(unsigned long x)
{
	return __builtin_ctzl(x);
}

static inline unsigned long __fls(unsigned long x)
{
	return 63 - __builtin_clzl(x);
}
#endif
