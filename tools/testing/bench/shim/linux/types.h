/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The few kernel definitions that lib/lz4, lib/zstd and lib/xxhash.c need
 * to build as a freestanding elfk plugin ("make bench"'s same-code rows);
 * the other headers of this directory include this one.
 */
#ifndef _BENCH_SHIM_LINUX_TYPES_H
#define _BENCH_SHIM_LINUX_TYPES_H
#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>
#include <limits.h>
typedef uint8_t u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef uint64_t u64;
typedef int8_t s8;
typedef int16_t s16;
typedef int32_t s32;
typedef int64_t s64;
typedef uint8_t __u8;
typedef uint16_t __u16;
typedef uint32_t __u32;
typedef uint64_t __u64;
typedef int8_t __s8;
typedef int16_t __s16;
typedef int32_t __s32;
typedef int64_t __s64;
#ifndef __always_inline
#define __always_inline __attribute__((__always_inline__))
#endif
#define noinline __attribute__((noinline))
#define __maybe_unused __attribute__((unused))
#define __force
#define likely(x) __builtin_expect(!!(x), 1)
#define unlikely(x) __builtin_expect(!!(x), 0)
#define CONFIG_64BIT 1
#define __LITTLE_ENDIAN 1234
#define BUILD_BUG_ON(c) _Static_assert(!(c), #c)
#define min(a, b) ({ __typeof__(a) __a = (a); __typeof__(b) __b = (b); __a < __b ? __a : __b; })
#define max(a, b) ({ __typeof__(a) __a = (a); __typeof__(b) __b = (b); __a > __b ? __a : __b; })
#define __init
#define __exit
#define EINVAL 22
#define WARN_ON(x) ((void)(x), 0)
#define pr_debug(...) do { } while (0)
#define fallthrough __attribute__((__fallthrough__))
#endif
