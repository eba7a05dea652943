// SPDX-License-Identifier: GPL-2.0
/*
 * noctor: an object with no code that runs at load.
 *
 * No DT_INIT, DT_INIT_ARRAY, DT_FINI, DT_FINI_ARRAY, elfk_init or elfk_exit
 * (the Makefile checks the dynamic section).  It is the seed for mutation
 * fuzzing: whatever a mutated copy contains, loading it must never run
 * plugin code, because there is none to run.
 *
 * Proves: exported functions and data (R_X86_64_64 for seed_table_ptr,
 * GLOB_DAT for the exported data the code reads) without any init
 * machinery.
 *
 * Expected calls:
 *   seed_sum()        = 136      1 + 2 + ... + 16 read through seed_table_ptr
 *   seed_mix(3, 4)    = 31       3 * 8 + 4 + seed_bias (3)
 *   seed_name(outstr:16, 16) = 5, arg1 "noctr"
 *   sym seed_table    -> OBJECT GLOBAL, size 128
 */
#include <elfk/plugin.h>

#define opaque(x) ({ __auto_type __x = (x); __asm__("" : "+r"(__x)); __x; })

ELFK_EXPORT long seed_table[16] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16 };
ELFK_EXPORT long *const seed_table_ptr = seed_table;
ELFK_EXPORT long seed_bias = 3;
static const char *const seed_string = "noctr";

ELFK_EXPORT long seed_sum(void)
{
	long *t = opaque(seed_table_ptr);
	long sum = 0;
	int i;

	for (i = 0; i < 16; i++)
		sum += t[i];
	return sum;
}

ELFK_EXPORT long seed_mix(long a, long b)
{
	return a * 8 + b + seed_bias;
}

ELFK_EXPORT long seed_name(char *out, long len)
{
	const char *s = opaque(seed_string);
	long i;

	for (i = 0; i + 1 < len && s[i]; i++)
		out[i] = s[i];
	if (len > 0)
		out[i] = 0;
	return i;
}
