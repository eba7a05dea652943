// SPDX-License-Identifier: GPL-2.0
/*
 * x86_64 relocation handlers (portable: also built into the userspace core).
 *
 * The driver (lib/reloc.c) has resolved the symbol and checked that the
 * field lies in a writable segment; here we only compute the value and
 * write it, checking the range of every narrowing write.
 */
#include "../../lib/core.h"
#include "reloc.h"

static const char *const reloc_names[] = {
	[R_X86_64_NONE] = "R_X86_64_NONE",
	[R_X86_64_64] = "R_X86_64_64",
	[R_X86_64_PC32] = "R_X86_64_PC32",
	[R_X86_64_GOT32] = "R_X86_64_GOT32",
	[R_X86_64_PLT32] = "R_X86_64_PLT32",
	[R_X86_64_COPY] = "R_X86_64_COPY",
	[R_X86_64_GLOB_DAT] = "R_X86_64_GLOB_DAT",
	[R_X86_64_JUMP_SLOT] = "R_X86_64_JUMP_SLOT",
	[R_X86_64_RELATIVE] = "R_X86_64_RELATIVE",
	[R_X86_64_GOTPCREL] = "R_X86_64_GOTPCREL",
	[R_X86_64_32] = "R_X86_64_32",
	[R_X86_64_32S] = "R_X86_64_32S",
	[R_X86_64_16] = "R_X86_64_16",
	[R_X86_64_PC16] = "R_X86_64_PC16",
	[R_X86_64_8] = "R_X86_64_8",
	[R_X86_64_PC8] = "R_X86_64_PC8",
	[R_X86_64_DTPMOD64] = "R_X86_64_DTPMOD64",
	[R_X86_64_DTPOFF64] = "R_X86_64_DTPOFF64",
	[R_X86_64_TPOFF64] = "R_X86_64_TPOFF64",
	[R_X86_64_TLSGD] = "R_X86_64_TLSGD",
	[R_X86_64_TLSLD] = "R_X86_64_TLSLD",
	[R_X86_64_DTPOFF32] = "R_X86_64_DTPOFF32",
	[R_X86_64_GOTTPOFF] = "R_X86_64_GOTTPOFF",
	[R_X86_64_TPOFF32] = "R_X86_64_TPOFF32",
	[R_X86_64_PC64] = "R_X86_64_PC64",
	[R_X86_64_GOTOFF64] = "R_X86_64_GOTOFF64",
	[R_X86_64_GOTPC32] = "R_X86_64_GOTPC32",
	[R_X86_64_GOT64] = "R_X86_64_GOT64",
	[R_X86_64_GOTPCREL64] = "R_X86_64_GOTPCREL64",
	[R_X86_64_GOTPC64] = "R_X86_64_GOTPC64",
	[R_X86_64_GOTPLT64] = "R_X86_64_GOTPLT64",
	[R_X86_64_PLTOFF64] = "R_X86_64_PLTOFF64",
	[R_X86_64_SIZE32] = "R_X86_64_SIZE32",
	[R_X86_64_SIZE64] = "R_X86_64_SIZE64",
	[R_X86_64_GOTPC32_TLSDESC] = "R_X86_64_GOTPC32_TLSDESC",
	[R_X86_64_TLSDESC_CALL] = "R_X86_64_TLSDESC_CALL",
	[R_X86_64_TLSDESC] = "R_X86_64_TLSDESC",
	[R_X86_64_IRELATIVE] = "R_X86_64_IRELATIVE",
	[R_X86_64_RELATIVE64] = "R_X86_64_RELATIVE64",
	[R_X86_64_GOTPCRELX] = "R_X86_64_GOTPCRELX",
	[R_X86_64_REX_GOTPCRELX] = "R_X86_64_REX_GOTPCRELX",
};

const char *elfk_x86_64_reloc_name(u32 type)
{
	if (type < ARRAY_SIZE(reloc_names))
		return reloc_names[type];
	return NULL;
}

u32 elfk_x86_64_reloc_width(u32 type)
{
	switch (type) {
	case R_X86_64_64:
	case R_X86_64_GLOB_DAT:
	case R_X86_64_JUMP_SLOT:
	case R_X86_64_RELATIVE:
	case R_X86_64_DTPMOD64:
	case R_X86_64_DTPOFF64:
	case R_X86_64_IRELATIVE:
		return 8;
	default:
		return 0;
	}
}

bool elfk_x86_64_reloc_is_tls(u32 type)
{
	switch (type) {
	case R_X86_64_DTPMOD64:
	case R_X86_64_DTPOFF64:
	case R_X86_64_DTPOFF32:
	case R_X86_64_TPOFF64:
	case R_X86_64_TPOFF32:
	case R_X86_64_GOTTPOFF:
	case R_X86_64_TLSDESC:
		return true;
	default:
		return false;
	}
}

/*
 * In the kernel %fs still holds the interrupted user process's thread
 * pointer, so every TLS access model that adds to %fs would touch user
 * memory from ring 0.  Only __tls_get_addr(), which elfk supplies, is safe.
 */
#define WHY_STATIC_TLS \
	"initial/local-exec TLS uses %fs, user memory in the kernel: use -ftls-model=global-dynamic"
#define WHY_TLSDESC \
	"TLS descriptors (-mtls-dialect=gnu2) add to %fs: use -mtls-dialect=gnu"

const char *elfk_x86_64_reloc_refusal(u32 type)
{
	switch (type) {
	case R_X86_64_TPOFF64:
	case R_X86_64_TPOFF32:
	case R_X86_64_GOTTPOFF:
		return WHY_STATIC_TLS;
	case R_X86_64_TLSDESC:
	case R_X86_64_GOTPC32_TLSDESC:
	case R_X86_64_TLSDESC_CALL:
		return WHY_TLSDESC;
	case R_X86_64_COPY:
		return "copy relocations are for executables";
	default:
		return NULL;
	}
}

/* ENDBR64: the instruction IBT requires at every indirect branch target. */
bool elfk_x86_64_branch_target(const u8 *p, u64 len)
{
	static const u8 endbr64[] = { 0xf3, 0x0f, 0x1e, 0xfa };

	return len >= sizeof(endbr64) && !memcmp(p, endbr64, sizeof(endbr64));
}

static void write64(u8 *where, u64 val)
{
	memcpy(where, &val, sizeof(val));
}

int elfk_x86_64_reloc_apply(const struct elfk_reloc *r, struct elfk_log *log)
{
	switch (r->type) {
	case R_X86_64_64:
		write64(r->where, r->S + r->A);
		return 0;
	case R_X86_64_GLOB_DAT:
	case R_X86_64_JUMP_SLOT:
		/* The psABI says S; ld.so adds A, which linkers leave at 0. */
		write64(r->where, r->S + r->A);
		return 0;
	case R_X86_64_RELATIVE:
		write64(r->where, r->B + r->A);
		return 0;
	case R_X86_64_DTPMOD64:
		/* The module id __tls_get_addr() will be handed back. */
		write64(r->where, r->tls_modid);
		return 0;
	case R_X86_64_DTPOFF64:
		write64(r->where, r->S + r->A);
		return 0;
	case R_X86_64_IRELATIVE:
		/* The driver has called the resolver at B + A. */
		write64(r->where, r->S);
		return 0;
	default:
		return elfk_reject(log, -EOPNOTSUPP,
				   "%s[%llu]: relocation type %u is not supported",
				   r->table, (unsigned long long)r->index,
				   r->type);
	}
}
