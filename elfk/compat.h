/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Differences between the kernels elfk supports (Debian's 6.1 and 6.12),
 * in one place.  Each entry is keyed on the feature it papers over (a macro
 * the newer interface defines), never on a version number or distribution.
 */
#ifndef _ELFK_COMPAT_H
#define _ELFK_COMPAT_H

#include <linux/pgtable.h>
#include <linux/string.h>

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
 * Since 6.6 pte_mkwrite() takes the VMA (for shadow stacks) and x86 marks
 * that by defining it as a macro; kernel mappings have no VMA and use
 * pte_mkwrite_novma().
 */
#ifdef pte_mkwrite
#define elfk_pte_mkwrite(pte) pte_mkwrite_novma(pte)
#else
#define elfk_pte_mkwrite(pte) pte_mkwrite(pte)
#endif

/*
 * The symbol namespace of elfk's in-kernel API (EXPORT_SYMBOL_NS_GPL()),
 * which a user module imports with MODULE_IMPORT_NS(ELFK_NS), and the one
 * EXPORT_SYMBOL_IF_KUNIT() exports into.  Since 6.13 the macros take a
 * string literal; before (Debian's 6.1 and 6.12 alike) an identifier they
 * stringify.  No macro marks the change: elfk/ns.kbuild, which every
 * Kbuild using this header includes, reads <linux/module.h> and defines
 * ELFK_NS_STRING for the newer form.
 */
#ifdef ELFK_NS_STRING
#define ELFK_NS "ELFK"
#define ELFK_KUNIT_NS "EXPORTED_FOR_KUNIT_TESTING"
#else
#define ELFK_NS ELFK
#define ELFK_KUNIT_NS EXPORTED_FOR_KUNIT_TESTING
#endif

#endif /* _ELFK_COMPAT_H */
