// SPDX-License-Identifier: GPL-2.0
/* make bench's big image as a plugin (big.h); BIG_KB set by same.mk. */
#include "big.h"

__attribute__((visibility("default"))) long big_touch(long stride);

long big_touch(long stride)
{
	return big_sum(stride);
}
