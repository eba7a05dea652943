/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the KUnit suites that drive the portable core directly share: the
 * memory a fixture is placed in and the few kernel symbols fixtures import.
 */
#ifndef _ELFK_KUNIT_CORE_H
#define _ELFK_KUNIT_CORE_H

#include <kunit/test.h>
#include <linux/ctype.h>
#include <linux/kernel.h>
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

/* Whether @a and @b are less than @range apart, modulo 2^64. */
static inline bool elfk_kunit_near(u64 a, u64 b, u64 range)
{
	return a - b < range || b - a < range;
}

/*
 * No number in @log may reveal where the object was placed (@base) or
 * where the kernel is: neither a run-time address nor a value computed
 * from one (a link-time value minus the load bias, a distance to a kernel
 * symbol).  Image values (offsets, sizes, even 0xffff...) are far from
 * all of these on x86_64.
 */
static inline void elfk_kunit_expect_no_address(struct kunit *test,
						const char *log,
						const void *base)
{
	u64 b = (unsigned long)base, k = (unsigned long)&memcpy, v;
	const char *p = log;
	char num[24];
	size_t n;

	while (*p) {
		bool hex = p[0] == '0' && (p[1] == 'x' || p[1] == 'X') &&
			   isxdigit(p[2]);

		if (!hex && !isdigit(*p)) {
			p++;
			continue;
		}
		p += hex ? 2 : 0;
		n = 0;
		while (hex ? isxdigit(p[n]) : isdigit(p[n]))
			n++;
		v = U64_MAX;
		if (n < sizeof(num)) {
			memcpy(num, p, n);
			num[n] = '\0';
			if (kstrtou64(num, hex ? 16 : 10, &v))
				v = U64_MAX;
		}
		p += n;
		/* Without a placement (a refusal before it), only the kernel's. */
		KUNIT_EXPECT_FALSE_MSG(test,
				       elfk_kunit_near(v, k, 1ULL << 28) ||
				       (b && (elfk_kunit_near(v, b, 1ULL << 32) ||
					      elfk_kunit_near(v, -b, 1ULL << 32) ||
					      elfk_kunit_near(v, k - b, 1ULL << 32) ||
					      elfk_kunit_near(v, b - k, 1ULL << 32))),
				       "0x%llx in the log is too close to the placement or the kernel; log: %s",
				       v, log);
	}
}

#endif /* _ELFK_KUNIT_CORE_H */
