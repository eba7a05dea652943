// SPDX-License-Identifier: GPL-2.0
/*
 * relonso: an ET_REL object needing the shared object relso.so, matched
 * by its DT_SONAME.  Loaded as "relonso.o".
 *
 * Expected calls:
 *   ro_mul(2)       = 13   (so_mul(2) + 1)
 *   ro_tls_bump()   = 10   (++relso.so's so_tls, in a new task)
 */
#include <elfk/plugin.h>

ELFK_NEEDS("relso.so");

long so_mul(long x);
extern __thread long so_tls;

ELFK_EXPORT long ro_mul(long x)
{
	return so_mul(x) + 1;
}

ELFK_EXPORT long ro_tls_bump(void)
{
	return ++so_tls;
}
