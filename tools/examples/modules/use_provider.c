// SPDX-License-Identifier: GPL-2.0
/*
 * use_provider: a plugin that binds to a helper another kernel module adds
 * to elfk's symbol table (elfk_example_provider.c).
 *
 * elfk refuses to load it unless elfk_example_provider is loaded
 * (ENOENT, "undefined symbol 'elfk_example_scale'"); once loaded, it pins
 * that module until it is unloaded.
 *
 * Expected calls, with "insmod elfk_example_provider.ko scale=S":
 *   scaled(v) = v * S     e.g. scale=7: scaled(6) = 42
 */
#include <elfk/plugin.h>

/* Not in the SDK's list: the post-link check is given provider-symbols.txt. */
ELFK_IMPORT long elfk_example_scale(long v);

ELFK_EXPORT long scaled(long v)
{
	return elfk_example_scale(v);
}
