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

#include "abi_layout.h"

#ifdef __cplusplus
#define ELFK_STATIC_ASSERT(c, m) static_assert(c, m)
#else
#define ELFK_STATIC_ASSERT(c, m) _Static_assert(c, m)
#endif

#define S(s, size, ioc) \
	ELFK_STATIC_ASSERT(sizeof(struct s) == (size), "sizeof " #s);
#define F(s, f, off, size)                                             \
	ELFK_STATIC_ASSERT(offsetof(struct s, f) == (off), #s "." #f); \
	ELFK_STATIC_ASSERT(sizeof(((struct s *)0)->f) == (size), #s "." #f);
#define I(ioc, v) ELFK_STATIC_ASSERT((ioc) == (v), #ioc);
#define C(c, v) ELFK_STATIC_ASSERT((c) == (v), #c);

ELFK_ABI_STRUCTS(S)
ELFK_ABI_FIELDS(F)
ELFK_ABI_IOCTLS(I)
ELFK_ABI_CONSTS(C)
