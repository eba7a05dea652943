// SPDX-License-Identifier: GPL-2.0
/*
 * tls_dep_only: an object whose only thread-local storage is its
 * dependency's (tls_dep_base.so's base_tls): no PT_TLS of its own, so its
 * DTPMOD64/DTPOFF64 relocations can only name the dependency's block.
 * glibc loads it, and so does elfk since issue 11.
 *
 * Expected calls (elfk-ctl call tls_dep_only.so ...), in a new task:
 *   only_read   = 42     base_tls, from tls_dep_base's template
 *   only_bump   = 43     ++base_tls
 *   only_both   = 44     only_bump, then tls_dep_base's base_tls_inc: both
 *                        reach the same variable
 */
#include <elfk/plugin.h>

extern ELFK_IMPORT __thread long base_tls;
ELFK_IMPORT long base_tls_inc(void);

ELFK_EXPORT long only_read(void)
{
	return base_tls;
}

ELFK_EXPORT long only_bump(void)
{
	return ++base_tls;
}

ELFK_EXPORT long only_both(void)
{
	only_bump();
	return base_tls_inc();
}
