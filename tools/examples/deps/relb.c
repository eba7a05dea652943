// SPDX-License-Identifier: GPL-2.0
/*
 * relb: the bottom of the ET_REL chain relb.o <- rela.o <- relc.o, and
 * the ET_REL object that reluser.so names in DT_NEEDED.  Loaded as
 * "relb.o" (an ET_REL object has no DT_SONAME: it provides the name it
 * is loaded under).  Needs nothing.
 *
 * Proves, with rela, relc and reluser: an ET_REL object's exports (global,
 * defined, default or protected visibility) bind a dependent's undefined
 * functions, data, __thread variables (the dependent's TLSGD pair, or
 * DTPMOD64/DTPOFF64, names this object's module) and IFUNCs (the
 * dependent gets what this object's resolver returns); a hidden global is
 * not exported.
 *
 * Expected calls:
 *   rb_add(1, 2)    = 10   (1 + 2 + rb_data, rb_data = 7)
 *   rb_tls_get()    = 40   (in a new task; a dependent may have bumped it)
 *   rb_scale(3)     = 300  (an IFUNC: its resolver picks rb_scale_x100)
 */
#include <elfk/plugin.h>

ELFK_EXPORT long rb_data = 7;
ELFK_EXPORT __thread long rb_tls = 40;

ELFK_EXPORT long rb_add(long x, long y)
{
	return x + y + rb_data;
}

ELFK_EXPORT long rb_tls_get(void)
{
	return rb_tls;
}

/* Global but hidden (the SDK's default): rela.o must not bind to it. */
long rb_hidden(void)
{
	return 1;
}

static long rb_scale_x100(long x)
{
	return x * 100;
}

static long (*rb_resolve_scale(void))(long)
{
	return rb_scale_x100;
}

ELFK_EXPORT long rb_scale(long x) __attribute__((ifunc("rb_resolve_scale")));
