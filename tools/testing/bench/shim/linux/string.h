/* SPDX-License-Identifier: GPL-2.0 */
/* See types.h.  The plugin imports these from the kernel (or, on the host, libc). */
#ifndef _BENCH_SHIM_LINUX_STRING_H
#define _BENCH_SHIM_LINUX_STRING_H
#include <linux/types.h>
void *memcpy(void *dst, const void *src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
#endif
