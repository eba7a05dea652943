// SPDX-License-Identifier: GPL-2.0
/*
 * relro_pad: the only writable data is a RELRO table, aligned to 64.  GNU
 * ld 2.40 then ends PT_GNU_RELRO past the RW PT_LOAD's p_memsz (memsz
 * 0x118, RELRO 0x140 with the SDK's flags): glibc loads it, elfk refused
 * it before issue 11.
 *
 *   pick(0) = 1, pick(1) = 2, through the read-only table
 */
#include <elfk/plugin.h>

static long one(void)
{
	return 1;
}

static long two(void)
{
	return 2;
}

static long (*const table[])(void) __attribute__((aligned(64))) = { one, two };

ELFK_EXPORT long pick(long i)
{
	return table[i & 1]();
}
