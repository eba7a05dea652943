/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the KUnit suites that drive the portable core directly share: the
 * memory a fixture is placed in and the few kernel symbols fixtures import.
 */
#ifndef _ELFK_KUNIT_CORE_H
#define _ELFK_KUNIT_CORE_H

#include <kunit/test.h>
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

/**
 * struct elfk_kunit_run - what one run of the core over a fixture needs
 * @elf: the parsed object
 * @log: an error-level log into @buf
 * @buf: the log's text
 * @mem: where the fixture was placed (vfree() it)
 */
struct elfk_kunit_run {
	struct elfk_elf elf;
	struct elfk_log log;
	char buf[512];
	u8 *mem;
};

/* Test-managed: freed with the test; only @mem is the caller's to free. */
static inline struct elfk_kunit_run *elfk_kunit_run_new(struct kunit *test)
{
	struct elfk_kunit_run *run = kunit_kzalloc(test, sizeof(*run), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, run);
	elfk_log_init(&run->log, run->buf, sizeof(run->buf), ELFK_LOG_LEVEL_ERROR);
	return run;
}

#endif /* _ELFK_KUNIT_CORE_H */
