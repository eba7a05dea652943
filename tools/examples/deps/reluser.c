// SPDX-License-Identifier: GPL-2.0
/*
 * reluser: a shared object with DT_NEEDED "relb.o", the ET_REL object
 * relb.c (linked against a stub shared object of that DT_SONAME, so that
 * ld writes the entry).  elfk binds it to the object loaded as relb.o.
 *
 * Expected calls:
 *   ru_call(1)      = 8    (relb.o's rb_add(1, 0))
 *   ru_tls_bump()   = 41   (++relb.o's rb_tls, in a new task)
 *   ru_scale(3)     = 300  (relb.o's IFUNC rb_scale)
 */
#include <elfk/plugin.h>

extern __thread long rb_tls;
long rb_add(long x, long y);
long rb_scale(long x);

ELFK_EXPORT long ru_call(long x)
{
	return rb_add(x, 0);
}

ELFK_EXPORT long ru_tls_bump(void)
{
	return ++rb_tls;
}

ELFK_EXPORT long ru_scale(long x)
{
	return rb_scale(x);
}
