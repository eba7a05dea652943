// SPDX-License-Identifier: GPL-2.0
/*
 * undef: an expected-refusal fixture.
 *
 * Proves: elfk refuses an object importing a symbol outside its exported
 * table.  The load must fail with ENOENT and the log must say
 *   undefined symbol 'no_such_kernel_function'
 * and nothing of the object may run or stay loaded (its constructor would
 * print "undef: constructor ran", which must never appear).
 * elfk-plugin-check.sh is run with --expect-undefined on it.
 */
#include <elfk/plugin.h>

ELFK_IMPORT long no_such_kernel_function(long);

__attribute__((constructor)) static void undef_ctor(void)
{
	elfk_printk("constructor ran");
}

ELFK_EXPORT long call_it(long x)
{
	return no_such_kernel_function(x);
}
