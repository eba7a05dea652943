// SPDX-License-Identifier: GPL-2.0
/*
 * elfk_kunit.ko: elfk's KUnit suites, a module of their own.
 *
 * Loaded after elfk.ko, whose init has then run in full: the suites call
 * its public API (namespace ELFK) and the internals it exports only to
 * KUnit (EXPORT_SYMBOL_IF_KUNIT).  Each suite file registers itself with
 * kunit_test_suites(); KUnit runs them when this module is loaded.
 */
#include <linux/module.h>

#include "../elfk/compat.h"

MODULE_IMPORT_NS(ELFK_NS);
MODULE_IMPORT_NS(ELFK_KUNIT_NS);
MODULE_DESCRIPTION("KUnit suites of elfk (load elfk.ko first)");
MODULE_AUTHOR("The elfk authors");
MODULE_LICENSE("GPL");
