/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _SHIM_ASM_UNALIGNED_H
#define _SHIM_ASM_UNALIGNED_H
#include <linux/types.h>
#define get_unaligned(p) ({						\
	__typeof__(p) __p = (p);					\
	((const struct { __typeof__(*__p) v; } __attribute__((packed)) *)__p)->v; \
})
#define put_unaligned(val, p) ({					\
	__typeof__(p) __p = (p);					\
	((struct { __typeof__(*__p) v; } __attribute__((packed)) *)__p)->v = (val); \
})
#define get_unaligned_le16(p) get_unaligned((const u16 *)(p))
#define get_unaligned_le32(p) get_unaligned((const u32 *)(p))
#define get_unaligned_le64(p) get_unaligned((const u64 *)(p))
#define put_unaligned_le16(v, p) put_unaligned((u16)(v), (u16 *)(p))
#define put_unaligned_le32(v, p) put_unaligned((u32)(v), (u32 *)(p))
#define put_unaligned_le64(v, p) put_unaligned((u64)(v), (u64 *)(p))
#define get_unaligned_be32(p) __builtin_bswap32(get_unaligned((const u32 *)(p)))
#define put_unaligned_be32(v, p) put_unaligned(__builtin_bswap32((u32)(v)), (u32 *)(p))
#endif
