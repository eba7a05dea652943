// SPDX-License-Identifier: GPL-2.0
/*
 * relc: the top of the ET_REL chain relb.o <- rela.o <- relc.o, loaded as
 * "relc.o".  It names only rela.o; relb.o's exports reach it through
 * rela.o's lookup scope (breadth-first, as DT_NEEDED's).
 *
 * Expected calls:
 *   rc_chain(1)     = 17   (ra_call(1) = 10, plus rb_add(0, 0) = 7)
 *   rc_tls()        = 40   (relb.o's rb_tls, in a new task)
 */
#include <elfk/plugin.h>

ELFK_NEEDS("rela.o");

long ra_call(long x);
long rb_add(long x, long y);
extern __thread long rb_tls;

ELFK_EXPORT long rc_chain(long x)
{
	return ra_call(x) + rb_add(0, 0);
}

ELFK_EXPORT long rc_tls(void)
{
	return rb_tls;
}
