// SPDX-License-Identifier: GPL-2.0
/*
 * The stub architecture: the smallest table the core accepts, built with
 * the core by the host tests to show that an architecture is a directory
 * of its own and no edit of lib/.  It applies no dynamic relocation (each
 * is refused), does not refuse TLS descriptors up front, and no indirect
 * branch is a valid target.  elfk_stub_arch_ops has no ET_REL relocation
 * ops (ET_REL objects are refused); elfk_stub_ld_arch_ops adds them
 * (reloc_rel.c), paired relocations included.  It has no kernel-only
 * half: it is never built into elfk.ko.
 */
#include "../../lib/core.h"
#include "stub.h"

static const char *stub_reloc_name(u32 type)
{
	switch (type) {
	case R_STUB_64:
		return "R_STUB_64";
	case R_STUB_PCREL_HI20:
		return "R_STUB_PCREL_HI20";
	case R_STUB_PCREL_LO12:
		return "R_STUB_PCREL_LO12";
	case R_STUB_ABS_HI20:
		return "R_STUB_ABS_HI20";
	case R_STUB_ABS_LO12:
		return "R_STUB_ABS_LO12";
	default:
		return NULL;
	}
}

static u32 stub_reloc_width(u32 type)
{
	return 0;
}

static const char *stub_reloc_refusal(u32 type)
{
	return NULL;
}

static bool stub_reloc_is_tls(u32 type)
{
	return false;
}

static bool stub_reloc_is_noop(u32 type)
{
	return false;
}

/* Unreachable: no type has a width, so none is applied. */
static int stub_reloc_apply(const struct elfk_reloc *r, struct elfk_log *log)
{
	return elfk_reject(log, -EOPNOTSUPP, "%s[%llu]: the stub arch applies no relocation",
			   r->table, (unsigned long long)r->index);
}

static bool stub_branch_target(const u8 *p, u64 len)
{
	return false;
}

/*
 * Both tables; .tlsdesc_refusal is NULL: DT_TLSDESC_* are left to the
 * relocation ops, which have no such type.
 */
#define STUB_ARCH_OPS					\
	.name = "stub",					\
	.machine = ELFK_STUB_MACHINE,			\
	.reloc_name = stub_reloc_name,			\
	.reloc_width = stub_reloc_width,		\
	.reloc_refusal = stub_reloc_refusal,		\
	.reloc_is_tls = stub_reloc_is_tls,		\
	.reloc_is_noop = stub_reloc_is_noop,		\
	.reloc_apply = stub_reloc_apply,		\
	.tlsdesc_refusal = NULL,			\
	.branch_target = stub_branch_target,		\
	.branch_target_name = "a branch target"

const struct elfk_arch_ops elfk_stub_arch_ops = {
	STUB_ARCH_OPS,
};

const struct elfk_arch_ops elfk_stub_ld_arch_ops = {
	STUB_ARCH_OPS,
	.rel_ops = &elfk_stub_rel_ops,
};
