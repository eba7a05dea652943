// SPDX-License-Identifier: GPL-2.0
/*
 * initfail: elfk_init refuses the load.
 *
 * Proves: a negative errno from elfk_init fails ELFK_IOC_LOAD with that
 * errno (-22: EINVAL, "Invalid argument"), after which elfk still runs the
 * destructors of the constructors that ran, and leaves nothing loaded.
 * Expected kernel log, in this order:
 *   elfk: initfail: ctor ran
 *   elfk: initfail: init refusing with -22
 *   elfk: initfail: dtor ran after ctor
 * ("dtor ran after ctor" is only printed if the constructor's state is
 * visible to the destructor; "dtor ran without ctor" would be a bug.)
 * The allocation made by the constructor is freed by the destructor, so no
 * leak report may appear.
 */
#include <elfk/plugin.h>

static void *ctor_mem;

__attribute__((constructor)) static void initfail_ctor(void)
{
	ctor_mem = elfk_malloc(32);
	elfk_printk("ctor ran");
}

__attribute__((destructor)) static void initfail_dtor(void)
{
	elfk_printk("dtor ran %s ctor", ctor_mem ? "after" : "without");
	elfk_free(ctor_mem);
	ctor_mem = NULL;
}

int elfk_init(void)
{
	elfk_printk("init refusing with %d", -ELFK_EINVAL);
	return -ELFK_EINVAL;
}

ELFK_EXPORT long never_called(void)
{
	return 1;
}
