// SPDX-License-Identifier: GPL-2.0
/*
 * weak: weak symbols.
 *
 * Proves: an undefined weak function that elfk does not export resolves to
 * 0 (the load succeeds and the GOT entry is NULL), and a weak definition is
 * exported with STB_WEAK binding.
 *
 * Expected calls:
 *   has_weak()         = 0   (elfk_optional_hook resolved to NULL)
 *   call_weak(5)       = -2  (-ENOENT: the hook is absent, so not called)
 *   weak_defined()     = 42
 *   sym weak_defined   -> FUNC WEAK
 */
#include <elfk/plugin.h>

ELFK_IMPORT long elfk_optional_hook(long) __attribute__((weak));

ELFK_EXPORT long has_weak(void)
{
	return !!elfk_optional_hook;
}

ELFK_EXPORT long call_weak(long x)
{
	if (!elfk_optional_hook)
		return -ELFK_ENOENT;
	return elfk_optional_hook(x);
}

ELFK_EXPORT __attribute__((weak)) long weak_defined(void)
{
	return 42;
}
