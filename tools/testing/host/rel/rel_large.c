// SPDX-License-Identifier: GPL-2.0
/*
 * rel_large: built with -mcmodel=large, where gcc reaches static data as
 * GOT + offset: R_X86_64_GOTPC64 (_GLOBAL_OFFSET_TABLE_ - .) and
 * R_X86_64_GOTOFF64 (large_data@GOTOFF).
 *
 * Expected: t_large(3) = 0x1a1a, t_large(0) = 1.
 */
#include <elfk/plugin.h>

#define opaque(x) ({ __auto_type __x = (x); __asm__("" : "+r"(__x)); __x; })

static long large_data[4] = { 1, 2, 3, 0x1a1a };

ELFK_EXPORT long t_large(long i)
{
	return large_data[opaque(i) & 3];
}
