// SPDX-License-Identifier: GPL-2.0
/*
 * rela: an ET_REL object needing relb.o (ELFK_NEEDS), loaded as "rela.o".
 * relc.o needs it in turn.
 *
 * Expected calls (relb.o loaded as relb.o first; unloading relb.o while
 * rela.o is loaded fails with EBUSY, naming rela.o):
 *   ra_call(1)      = 10   (rb_add(1, 2) in relb.o)
 *   ra_data()       = 7    (relb.o's rb_data, not a copy)
 *   ra_tls_bump()   = 41   (++relb.o's rb_tls, in a new task)
 *   ra_scale(3)     = 300  (relb.o's IFUNC rb_scale)
 *   ra_weak()       = 0    (rb_missing, rb_nodata: nobody defines them;
 *                           rb_hidden: relb.o does, but hidden)
 */
#include <elfk/plugin.h>

ELFK_NEEDS("relb.o");

extern long rb_data;
extern __thread long rb_tls;
long rb_add(long x, long y);
long rb_scale(long x);
ELFK_IMPORT long rb_missing(long x) __attribute__((weak));
ELFK_IMPORT extern long rb_nodata __attribute__((weak));
ELFK_IMPORT long rb_hidden(long x) __attribute__((weak));

ELFK_EXPORT long ra_call(long x)
{
	return rb_add(x, 2);
}

ELFK_EXPORT long ra_data(void)
{
	return rb_data;
}

ELFK_EXPORT long ra_tls_bump(void)
{
	return ++rb_tls;
}

ELFK_EXPORT long ra_scale(long x)
{
	return rb_scale(x);
}

ELFK_EXPORT long ra_weak(void)
{
	return (rb_missing ? 1 : 0) + (&rb_nodata ? 2 : 0) + (rb_hidden ? 4 : 0);
}
