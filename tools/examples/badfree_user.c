// SPDX-License-Identifier: GPL-2.0
/*
 * badfree_user: frees an allocation of its dependency badfree.so (see
 * badfree.c), which elfk must refuse: the memory is accounted to, and
 * still used by, badfree.
 *
 * Expected calls:
 *   steal = 0    one refusal in the log; this object's alloc_bytes stays
 *                0 and badfree's stays what it was
 */
#include <elfk/plugin.h>

ELFK_IMPORT void *badfree_kept(void);

ELFK_EXPORT long steal(void)
{
	elfk_free(badfree_kept());
	return 0;
}
