// SPDX-License-Identifier: GPL-2.0
/*
 * libtop: the top of the dependency chain (see libbase.c).
 *
 * Built with DT_SONAME "libtop.so" and DT_NEEDED "libmid.so" only; its
 * lookup scope is itself, libmid.so, then libbase.so (breadth-first),
 * then elfk's exported table.  whoami() is defined by both libmid and
 * libbase: the scope order makes it libmid's.
 *
 * Kernel log: load "deps ctor libtop", unload "deps dtor libtop".
 *
 * Expected calls:
 *   top_fn(2)      = 10212  (mid_fn(2) * 10 + whoami() = 10210 + 2;
 *                            10211 if whoami bound to libbase's)
 *   top_whoami()   = 2
 *   top_chain(5)   = 1070   (mid_fn(5) + mid_via_ptr(5) = 1042 + 35 - 7)
 */
#include <elfk/plugin.h>

ELFK_IMPORT long mid_fn(long x);
ELFK_IMPORT long mid_via_ptr(long x);
ELFK_IMPORT long whoami(void);

__attribute__((constructor)) static void top_ctor(void)
{
	elfk_printk("deps ctor libtop");
}

__attribute__((destructor)) static void top_dtor(void)
{
	elfk_printk("deps dtor libtop");
}

ELFK_EXPORT long top_fn(long x)
{
	return mid_fn(x) * 10 + whoami();
}

ELFK_EXPORT long top_whoami(void)
{
	return whoami();
}

ELFK_EXPORT long top_chain(long x)
{
	return mid_fn(x) + mid_via_ptr(x) - 7;
}
