/* SPDX-License-Identifier: GPL-2.0 */
/* See types.h. */
#ifndef _BENCH_SHIM_LINUX_UNALIGNED_H
#define _BENCH_SHIM_LINUX_UNALIGNED_H
#include <linux/types.h>
#define get_unaligned(p) ({						\
	__typeof__(p) __p = (p);					\
	((const struct { __typeof__(*__p) v; } __attribute__((packed)) *)__p)->v; \
})
#define put_unaligned(val, p) ({					\
	__typeof__(p) __p = (p);					\
	(void)(((struct { __typeof__(*__p) v; } __attribute__((packed)) *)__p)->v = (val)); \
})
#define get_unaligned_le16(p) get_unaligned((const u16 *)(p))
#define get_unaligned_le32(p) get_unaligned((const u32 *)(p))
#define get_unaligned_le64(p) get_unaligned((const u64 *)(p))
#define put_unaligned_le16(v, p) put_unaligned((u16)(v), (u16 *)(p))
#define put_unaligned_le32(v, p) put_unaligned((u32)(v), (u32 *)(p))
#define put_unaligned_le64(v, p) put_unaligned((u64)(v), (u64 *)(p))
#define get_unaligned_be16(p) __builtin_bswap16(get_unaligned_le16(p))
#define get_unaligned_be32(p) __builtin_bswap32(get_unaligned_le32(p))
#define get_unaligned_be64(p) __builtin_bswap64(get_unaligned_le64(p))
#define put_unaligned_be16(v, p) put_unaligned_le16(__builtin_bswap16(v), p)
#define put_unaligned_be32(v, p) put_unaligned_le32(__builtin_bswap32(v), p)
#define put_unaligned_be64(v, p) put_unaligned_le64(__builtin_bswap64(v), p)
#endif
