/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the KUnit suites that drive the portable core directly share: the
 * memory a fixture is placed in and the few kernel symbols fixtures import.
 */
#ifndef _ELFK_KUNIT_CORE_H
#define _ELFK_KUNIT_CORE_H

#include <linux/string.h>
#include <linux/vmalloc.h>

#include "../elfk/internal.h"

/* vmalloc memory is page aligned; fixtures never ask for more. */
static inline void *elfk_kunit_alloc(u64 size, u64 align)
{
	return align <= PAGE_SIZE ? vzalloc(size) : NULL;
}

/* memcpy and strlen (imported by the fixtures) and __tls_get_addr. */
static inline int elfk_kunit_lookup(void *ctx, const char *name, u64 *value)
{
	if (!strcmp(name, "__tls_get_addr"))
		*value = (unsigned long)elfk_tls_get_addr;
	else if (!strcmp(name, "memcpy"))
		*value = (unsigned long)&memcpy;
	else if (!strcmp(name, "strlen"))
		*value = (unsigned long)&strlen;
	else
		return -ENOENT;
	return 0;
}

#endif /* _ELFK_KUNIT_CORE_H */
