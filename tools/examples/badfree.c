// SPDX-License-Identifier: GPL-2.0
/*
 * badfree: a plugin that misuses elfk_free(), for run-e2e.sh.
 *
 * Proves: elfk_free() frees only what the calling object holds.  A double
 * free, a pointer elfk did not hand out (a CALL buffer) and another
 * object's allocation (badfree_user.c) are refused with
 * "elfk: <name>: elfk_free() of memory this object does not hold ..." in
 * the kernel log, and change neither object's alloc_bytes.  Plugin code is
 * not KASAN-instrumented, but elfk's own is: on the debug kernel an
 * allocator that read through the pointer first is a KASAN report too.
 *
 * Expected calls:
 *   keep 100        = 0    alloc_bytes 100 (held in "kept")
 *   double_free 64  = 0    one refusal; alloc_bytes still 100
 *   free_arg in:F N = 0    one refusal (a CALL input buffer)
 *   release         = 0    frees "kept": alloc_bytes 0
 */
#include <elfk/plugin.h>

static void *kept;

ELFK_EXPORT long keep(unsigned long size)
{
	kept = elfk_malloc(size);
	return kept ? 0 : -ELFK_ENOMEM;
}

/* For badfree_user.so, which tries to free it. */
ELFK_EXPORT void *badfree_kept(void)
{
	return kept;
}

ELFK_EXPORT long release(void)
{
	elfk_free(kept);
	kept = NULL;
	return 0;
}

ELFK_EXPORT long double_free(unsigned long size)
{
	void *p = elfk_malloc(size);

	if (!p)
		return -ELFK_ENOMEM;
	elfk_free(p);
	elfk_free(p);
	return 0;
}

ELFK_EXPORT long free_arg(void *buf)
{
	elfk_free(buf);
	return 0;
}
