// SPDX-License-Identifier: GPL-2.0
/*
 * relso: a shared object (DT_SONAME "relso.so") that the ET_REL object
 * relonso.o needs.
 *
 * Expected calls:
 *   so_mul(2)       = 12
 *   so_tls_get()    = 9    (in a new task)
 */
#include <elfk/plugin.h>

ELFK_EXPORT __thread long so_tls = 9;

ELFK_EXPORT long so_mul(long x)
{
	return x * 6;
}

ELFK_EXPORT long so_tls_get(void)
{
	return so_tls;
}
