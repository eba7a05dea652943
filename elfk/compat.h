/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Differences between the kernels elfk supports (Debian's 6.1 and 6.12),
 * in one place.  Each entry is keyed on the feature it papers over: the
 * macro a newer kernel defines where one exists, else the release that
 * changed the interface.
 */
#ifndef _ELFK_COMPAT_H
#define _ELFK_COMPAT_H

#include <linux/pgtable.h>
#include <linux/string.h>
#include <linux/version.h>

/*
 * Since 6.8 strscpy() is a macro choosing a variant by argument count and
 * the exported function is sized_strscpy().  Plugins still link against
 * the name strscpy, with the three-argument signature.
 */
#ifdef strscpy
#define elfk_strscpy_export sized_strscpy
#else
#define elfk_strscpy_export strscpy
#endif

/*
 * Since 6.6 pte_mkwrite() takes the VMA (for shadow stacks); kernel
 * mappings have none and use pte_mkwrite_novma().
 */
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 6, 0)
#define elfk_pte_mkwrite(pte) pte_mkwrite_novma(pte)
#else
#define elfk_pte_mkwrite(pte) pte_mkwrite(pte)
#endif

#endif /* _ELFK_COMPAT_H */
