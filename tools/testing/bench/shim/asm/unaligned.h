/* SPDX-License-Identifier: GPL-2.0 */
/* See linux/types.h. */
#include <linux/unaligned.h>
