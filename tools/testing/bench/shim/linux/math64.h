/* SPDX-License-Identifier: GPL-2.0 */
/* See types.h. */
#include <linux/types.h>
static inline u64 div_u64(u64 dividend, u32 divisor)
{
	return dividend / divisor;
}
