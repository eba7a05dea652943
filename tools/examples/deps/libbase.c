// SPDX-License-Identifier: GPL-2.0
/*
 * libbase: the bottom of a three-object dependency chain
 * (libbase.so <- libmid.so <- libtop.so; see libmid.c and libtop.c).
 *
 * Built with DT_SONAME "libbase.so" and no DT_NEEDED.  libmid.so names it
 * in DT_NEEDED, so elfk must have it loaded first, and refuses to unload it
 * while libmid.so is loaded (EBUSY).
 *
 * Proves, with libmid and libtop: DT_NEEDED matched by DT_SONAME; functions
 * and data of a dependency bound through the GOT; the lookup scope order
 * (whoami() is defined here and in libmid; libtop must get libmid's);
 * constructors in load order, destructors in unload order.
 *
 * Kernel log (elfk_printk), as "elfk: libbase.so: ...":
 *   load:   "deps ctor libbase"
 *   unload: "deps dtor libbase"
 *
 * Expected calls:
 *   base_fn(2)     = 14   (2 * base_scale, base_scale = 7)
 *   base_ready()   = 1    (the constructor ran)
 *   whoami()       = 1
 *   sym base_scale -> OBJECT GLOBAL
 */
#include <elfk/plugin.h>

ELFK_EXPORT long base_scale = 7;
static long ready;

__attribute__((constructor)) static void base_ctor(void)
{
	ready = 1;
	elfk_printk("deps ctor libbase");
}

__attribute__((destructor)) static void base_dtor(void)
{
	elfk_printk("deps dtor libbase");
}

ELFK_EXPORT long base_fn(long x)
{
	return x * base_scale;
}

ELFK_EXPORT long base_ready(void)
{
	return ready;
}

/* Also defined by libmid.so: libtop.so must bind to libmid's (returns 2). */
ELFK_EXPORT long whoami(void)
{
	return 1;
}
