/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Userspace environment of the portable core: the kernel names the core
 * uses, mapped onto glibc.  Included only through lib/env.h.
 */
#ifndef _ELFK_ENV_USER_H
#define _ELFK_ENV_USER_H

#include <elf.h>
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef uint8_t u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef uint64_t u64;
typedef int8_t s8;
typedef int16_t s16;
typedef int32_t s32;
typedef int64_t s64;

#define check_add_overflow(a, b, d) __builtin_add_overflow(a, b, d)
#define check_mul_overflow(a, b, d) __builtin_mul_overflow(a, b, d)
#define __printf(a, b) __attribute__((format(printf, a, b)))
#define __maybe_unused __attribute__((unused))
#define __aligned(x) __attribute__((aligned(x)))
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define min(a, b) ({ __auto_type _a = (a); __auto_type _b = (b); _a < _b ? _a : _b; })
#define max(a, b) ({ __auto_type _a = (a); __auto_type _b = (b); _a > _b ? _a : _b; })
#define min_t(t, a, b) ({ t _a = (a), _b = (b); _a < _b ? _a : _b; })
#define U16_MAX UINT16_MAX
#define U32_MAX UINT32_MAX
#define U64_MAX UINT64_MAX
#define S32_MIN INT32_MIN
#define S32_MAX INT32_MAX
#define IS_ALIGNED(x, a) (((x) & ((__typeof__(x))(a) - 1)) == 0)
/* <linux/align.h>: @a a power of two; ALIGN() rounds up, as the kernel's. */
#define ALIGN(x, a) ({ __typeof__(x) _m = (__typeof__(x))(a) - 1; ((x) + _m) & ~_m; })
#define ALIGN_DOWN(x, a) ({ __typeof__(x) _m = (__typeof__(x))(a) - 1; (x) & ~_m; })
#define PAGE_ALIGN(x) ALIGN(x, PAGE_SIZE)
#define is_power_of_2(n) ({ __auto_type _n = (n); _n != 0 && (_n & (_n - 1)) == 0; })

#ifndef PAGE_SIZE
#define PAGE_SIZE 4096UL
#endif

#ifndef EXPORT_SYMBOL_GPL
#define EXPORT_SYMBOL_GPL(sym)
#endif
/* The kernel exports some core functions to elfk_kunit.ko only. */
#define EXPORT_SYMBOL_IF_KUNIT(sym)

static inline void *elfk_env_zalloc(size_t size)
{
	return calloc(1, size);
}

static inline void elfk_env_free(void *p)
{
	free(p);
}

static inline void elfk_env_resched(void)
{
}

#endif /* _ELFK_ENV_USER_H */
