// SPDX-License-Identifier: GPL-2.0
/*
 * tls_dep_base: the dependency of tls_dep_user.  Defines an exported
 * __thread variable that tls_dep_user reaches through DT_NEEDED: the
 * user's DTPMOD64/DTPOFF64 relocations name this object's module id and
 * the variable's offset in this object's block.
 *
 * Expected calls (elfk-ctl call tls_dep_base.so ...), in a new task:
 *   base_tls_get   = 42
 *   base_tls_inc   = 43
 */
#include <elfk/plugin.h>

ELFK_EXPORT __thread long base_tls = 42;

ELFK_EXPORT long base_tls_get(void)
{
	return base_tls;
}

ELFK_EXPORT long base_tls_inc(void)
{
	return ++base_tls;
}
