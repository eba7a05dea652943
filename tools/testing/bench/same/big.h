/* SPDX-License-Identifier: GPL-2.0 */
/*
 * make bench's big images: BIG_KB KiB of initialised read-only data (all
 * in the file, none of it .bss) and a function that reads it, the same in
 * the plugin (big.c) and the module (kmod-same/bench_big.c).
 */
#ifndef _BENCH_BIG_H
#define _BENCH_BIG_H

static const unsigned char big_blob[BIG_KB * 1024] = { 1, 2, 3 };

static inline long big_sum(long stride)
{
	long i, s = 0;

	for (i = 0; i < (long)sizeof(big_blob); i += stride > 0 ? stride : 4096)
		s += big_blob[i];
	return s;
}

#endif
