/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The environment of the portable core.
 *
 * The ELF core (parsing, validation, layout, symbol lookup, relocation
 * driver) compiles unchanged in the kernel and in userspace.  This header is
 * the only place that knows which one it is in: the kernel build gets the
 * kernel's own headers, the userspace build gets tools/lib/env_user.h, which
 * maps the same names onto glibc.
 */
#ifndef _ELFK_ENV_H
#define _ELFK_ENV_H

#ifdef __KERNEL__
#include <linux/types.h>
#include <linux/elf.h>
#include <linux/errno.h>
#include <linux/export.h>
#include <linux/kernel.h>
#include <linux/overflow.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <kunit/visibility.h>

static inline void *elfk_env_zalloc(size_t size)
{
	return kvzalloc(size, GFP_KERNEL_ACCOUNT);
}

static inline void elfk_env_free(void *p)
{
	kvfree(p);
}

static inline void elfk_env_resched(void)
{
	cond_resched();
}
#else
#include "env_user.h"
#endif

#include "elf_defs.h"

#endif /* _ELFK_ENV_H */
