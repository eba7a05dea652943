// SPDX-License-Identifier: GPL-2.0
/*
 * The x86_64 ops table: the one place the core reaches the architecture.
 * Adding an architecture means adding a directory with its own ops.c.
 */
#include "../../lib/core.h"
#include "reloc.h"
#ifdef __KERNEL__
#include "mem.h"
#endif

const struct elfk_arch_ops elfk_arch_ops = {
	.name = "x86_64",
	.machine = EM_X86_64,
	.reloc_name = elfk_x86_64_reloc_name,
	.reloc_width = elfk_x86_64_reloc_width,
	.reloc_apply = elfk_x86_64_reloc_apply,
	.reloc_refusal = elfk_x86_64_reloc_refusal,
	.reloc_is_tls = elfk_x86_64_reloc_is_tls,
	.irelative_type = R_X86_64_IRELATIVE,
	.branch_target = elfk_x86_64_branch_target,
	.branch_target_name = "ENDBR64",
	.rel_ops = &elfk_x86_64_rel_ops,
#ifdef __KERNEL__
	.set_prot = elfk_x86_64_set_prot,
	.flush = elfk_x86_64_flush,
	.get_prot = elfk_x86_64_get_prot,
	.enforces_branch_targets = elfk_x86_64_enforces_ibt,
#endif
};
EXPORT_SYMBOL_IF_KUNIT(elfk_arch_ops);
