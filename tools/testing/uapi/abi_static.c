// SPDX-License-Identifier: GPL-2.0
/*
 * The frozen layout as compile-time assertions, built with -fsyntax-only
 * for every ABI the compiler offers (-m64, -m32, -mx32) and as C++, since
 * 32-bit userspace on a 64-bit kernel must see the same structs.
 *
 * Copyright (C) 2026 The elfk authors
 */
#include <stddef.h>
#include <linux/elfk.h>

#ifdef __cplusplus
#define ELFK_STATIC_ASSERT(c, m) static_assert(c, m)
#else
#define ELFK_STATIC_ASSERT(c, m) _Static_assert(c, m)
#endif

/* Every struct's size, every field's offset, every ioctl and constant. */
#define ELFK_ABI_STRUCT(type, size, ioc) \
	ELFK_STATIC_ASSERT(sizeof(struct type) == (size), "sizeof " #type)
#define ELFK_ABI_FIELD(type, member, off, size)                    \
	ELFK_STATIC_ASSERT(offsetof(struct type, member) == (off), \
			   #type "." #member)
#define ELFK_ABI_IOCTL(ioc, v) ELFK_STATIC_ASSERT((ioc) == (v), #ioc)
#define ELFK_ABI_CONST(c, v) ELFK_STATIC_ASSERT((c) == (v), #c)
#include "abi_layout.h"
#undef ELFK_ABI_STRUCT
#undef ELFK_ABI_FIELD
#undef ELFK_ABI_IOCTL
#undef ELFK_ABI_CONST

/* Every field's size, in a second pass over the fields only. */
#define ELFK_ABI_FIELD(type, member, off, size)                        \
	ELFK_STATIC_ASSERT(sizeof(((struct type){}).member) == (size), \
			   #type "." #member)
#include "abi_layout.h"
#undef ELFK_ABI_FIELD
