// SPDX-License-Identifier: GPL-2.0
/*
 * Symbols the kernel's x86 compiler mitigations make plugin code reference.
 *
 * A plugin built with -mfunction-return=thunk-extern and
 * -mindirect-branch=thunk-extern (the kernel's own choices) calls
 * __x86_return_thunk and __x86_indirect_thunk_<reg>.  When this kernel
 * has those thunks they are exported, and plugins may bind to them.
 */
#include <linux/kernel.h>
#include <asm/nospec-branch.h>

#include "../../elfk/internal.h"

static struct elfk_symbol x86_64_syms[] = {
#ifdef CONFIG_RETHUNK
	ELFK_SYMBOL(__x86_return_thunk),
#endif
#ifdef CONFIG_RETPOLINE
#define GEN(reg) ELFK_SYMBOL(__x86_indirect_thunk_##reg),
#include <asm/GEN-for-each-reg.h>
#undef GEN
#endif
	{ NULL, NULL }
};

struct elfk_symbol *elfk_arch_symbols(unsigned int *nr)
{
	*nr = ARRAY_SIZE(x86_64_syms) - 1;
	return x86_64_syms;
}
