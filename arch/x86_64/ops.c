// SPDX-License-Identifier: GPL-2.0
/*
 * The x86_64 relocation ops: the portable half of the architecture, built
 * into elfk.ko and into every userspace build of the core.  The kernel-only
 * half (page permissions, IBT) is mem.c's struct elfk_arch_mem_ops.
 * Adding an architecture means adding a directory with its own ops.c.
 */
#include "../../lib/core.h"
#include "reloc.h"

static bool elfk_x86_64_reloc_is_noop(u32 type)
{
	return type == R_X86_64_NONE;
}

const struct elfk_arch_ops elfk_arch_ops = {
	.name = "x86_64",
	.machine = EM_X86_64,
	.reloc_name = elfk_x86_64_reloc_name,
	.reloc_width = elfk_x86_64_reloc_width,
	.reloc_apply = elfk_x86_64_reloc_apply,
	.reloc_refusal = elfk_x86_64_reloc_refusal,
	.reloc_is_tls = elfk_x86_64_reloc_is_tls,
	.reloc_is_noop = elfk_x86_64_reloc_is_noop,
	.irelative_type = R_X86_64_IRELATIVE,
	/* The psABI defines them; elfk does not implement them. */
	.tlsdesc_refusal = "TLS descriptors are not supported",
	.branch_target = elfk_x86_64_branch_target,
	.branch_target_name = "ENDBR64",
	.branch_target_cflags = "-fcf-protection=branch",
	/* Which, in the kernel, is the interrupted process's. */
	.thread_pointer = "%fs",
	.rel_ops = &elfk_x86_64_rel_ops,
};
EXPORT_SYMBOL_IF_KUNIT(elfk_arch_ops);
