// SPDX-License-Identifier: GPL-2.0
/*
 * libmid: the middle of the dependency chain (see libbase.c).
 *
 * Built with DT_SONAME "libmid.so" and DT_NEEDED "libbase.so".  Its
 * imports base_fn, base_scale and base_ready are not in elfk's exported
 * table: they bind only through the dependency.  mid_base_ptr is a
 * function pointer to libbase's base_fn in RELRO data.
 *
 * Kernel log: load "deps ctor libmid", unload "deps dtor libmid".
 *
 * Expected calls:
 *   mid_fn(2)       = 1021  (base_fn(2) + 1000 + base_scale = 14 + 1000 + 7)
 *   mid_via_ptr(3)  = 21    (base_fn through a pointer in data)
 *   mid_base_ready()= 1     (libbase's constructor ran before this call)
 *   whoami()        = 2     (defined here too; see libtop.c)
 *   mid_whoami()    = 2     (an object binds to its own definition first)
 */
#include <elfk/plugin.h>

ELFK_IMPORT long base_fn(long x);
ELFK_IMPORT long base_ready(void);
extern ELFK_IMPORT long base_scale;

ELFK_EXPORT long whoami(void);

static long (*const mid_base_ptr)(long) = base_fn;

__attribute__((constructor)) static void mid_ctor(void)
{
	elfk_printk("deps ctor libmid");
}

__attribute__((destructor)) static void mid_dtor(void)
{
	elfk_printk("deps dtor libmid");
}

ELFK_EXPORT long mid_fn(long x)
{
	return base_fn(x) + 1000 + base_scale;
}

ELFK_EXPORT long mid_via_ptr(long x)
{
	return mid_base_ptr(x);
}

ELFK_EXPORT long mid_base_ready(void)
{
	return base_ready();
}

ELFK_EXPORT long whoami(void)
{
	return 2;
}

ELFK_EXPORT long mid_whoami(void)
{
	return whoami();
}
