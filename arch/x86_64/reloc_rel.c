// SPDX-License-Identifier: GPL-2.0
/*
 * x86_64 static relocations, for ET_REL objects (portable: also built into
 * the userspace core).
 *
 * The driver (lib/ld/relocate.c) has validated the field, resolved the symbol,
 * filled its GOT slot and checked that the field still holds zero; here the
 * value is computed (rel_value()) and then written (rel_write()), with the
 * range of every narrowing write checked, as arm64's reloc_data() does.
 *
 * Kernel symbols are usually more than 2 GiB from vmalloc memory, so a
 * 32-bit PC-relative reference to one needs help: GOTPCREL references go
 * through the object's GOT, and a PLT32 reference (or a PC32 one against an
 * STT_FUNC symbol) that does not reach its target directly goes to the
 * symbol's PLT stub.  Anything else that does not fit is -ERANGE.
 *
 * Thread-local storage: the general-dynamic (TLSGD) and local-dynamic
 * (TLSLD + DTPOFF32) sequences are applied as written, never relaxed to the
 * exec models, because those address the block through %fs, which in the
 * kernel is the interrupted process's.  Their __tls_get_addr() call is an
 * ordinary PLT32 or GOTPCRELX reference to elfk's.
 */
#include "../../lib/core.h"
#include "../../lib/elf_rel.h"
#include "reloc.h"

/* How a value must fit its field. */
enum rel_fit { FIT_64, FIT_U32, FIT_S32 };

u32 elfk_x86_64_rel_width(u32 type)
{
	switch (type) {
	case R_X86_64_64:
	case R_X86_64_PC64:
	case R_X86_64_GOTOFF64:
	case R_X86_64_GOTPC64:
	case R_X86_64_DTPOFF64:
		return 8;
	case R_X86_64_TLSGD:
	case R_X86_64_TLSLD:
	case R_X86_64_DTPOFF32:
	case R_X86_64_PC32:
	case R_X86_64_PLT32:
	case R_X86_64_32:
	case R_X86_64_32S:
	case R_X86_64_GOTPCREL:
	case R_X86_64_GOTPCRELX:
	case R_X86_64_REX_GOTPCRELX:
	case R_X86_64_GOTPC32:
		return 4;
	default:
		return 0;
	}
}

u32 elfk_x86_64_rel_needs(u32 type)
{
	switch (type) {
	case R_X86_64_PC32:
		return ELFK_REL_USES_S | ELFK_REL_PLT_FUNC;
	case R_X86_64_PLT32:
		return ELFK_REL_USES_S | ELFK_REL_PLT;
	case R_X86_64_GOTPCREL:
	case R_X86_64_GOTPCRELX:
	case R_X86_64_REX_GOTPCRELX:
		return ELFK_REL_GOT;
	case R_X86_64_GOTOFF64:
		return ELFK_REL_USES_S | ELFK_REL_GOT_BASE;
	case R_X86_64_GOTPC32:
	case R_X86_64_GOTPC64:
		return ELFK_REL_GOT_BASE;
	case R_X86_64_TLSGD:
		return ELFK_REL_TLS_GD;
	case R_X86_64_TLSLD:
		return ELFK_REL_TLS_LD;
	case R_X86_64_DTPOFF32:
	case R_X86_64_DTPOFF64:
		return ELFK_REL_USES_S | ELFK_REL_TLS_OFF;
	default:
		return ELFK_REL_USES_S;
	}
}

static bool fits(u64 v, enum rel_fit fit)
{
	switch (fit) {
	case FIT_U32:
		return v <= U32_MAX;
	case FIT_S32:
		return (s64)v >= S32_MIN && (s64)v <= S32_MAX;
	default:
		return true;
	}
}

/* The psABI's calculation for @f's type (L: the PLT stub, G + GOT: the slot). */
static void rel_value(const struct elfk_rel_fixup *f, u64 *val,
		      enum rel_fit *fit)
{
	const struct elfk_reloc *r = &f->r;

	*fit = FIT_S32;
	switch (r->type) {
	case R_X86_64_64:
		*val = r->S + r->A;
		*fit = FIT_64;
		break;
	case R_X86_64_PC64:
		*val = r->S + r->A - r->P;
		*fit = FIT_64;
		break;
	case R_X86_64_32:
		*val = r->S + r->A;
		*fit = FIT_U32;
		break;
	case R_X86_64_32S:
		*val = r->S + r->A;
		break;
	case R_X86_64_PC32:
	case R_X86_64_PLT32:
		/* Direct if it reaches; the stub (L + A - P) otherwise. */
		*val = r->S + r->A - r->P;
		if (!fits(*val, FIT_S32) && f->plt)
			*val = f->plt + r->A - r->P;
		break;
	case R_X86_64_GOTPCREL:
	case R_X86_64_GOTPCRELX:
	case R_X86_64_REX_GOTPCRELX:
		/* Loads are never relaxed: they keep reading the slot. */
		*val = f->got_slot + r->A - r->P;
		break;
	case R_X86_64_GOTOFF64:
		*val = r->S + r->A - f->got;
		*fit = FIT_64;
		break;
	case R_X86_64_GOTPC32:
		*val = f->got + r->A - r->P;
		break;
	case R_X86_64_GOTPC64:
		*val = f->got + r->A - r->P;
		*fit = FIT_64;
		break;
	case R_X86_64_TLSGD:
	case R_X86_64_TLSLD:
		/* The tls_index pair the following __tls_get_addr() call reads. */
		*val = f->tls_got + r->A - r->P;
		break;
	case R_X86_64_DTPOFF32:
		*val = r->S + r->A;
		break;
	case R_X86_64_DTPOFF64:
		*val = r->S + r->A;
		*fit = FIT_64;
		break;
	}
}

#define HINT_PC32 \
	"; build with -fPIC so that data outside the object is reached through the GOT"
#define HINT_ABS32 "; 32-bit absolute addresses cannot reach vmalloc memory: use -fPIC"

static int rel_write(const struct elfk_rel_fixup *f, u64 val, enum rel_fit fit,
		     struct elfk_log *log)
{
	const struct elfk_reloc *r = &f->r;
	u32 v32 = (u32)val;

	if (fit == FIT_64) {
		memcpy(r->where, &val, sizeof(val));
		return 0;
	}
	if (!fits(val, fit))
		return elfk_reject(log, -ERANGE,
				   "%s[%llu]: %s against '%s': the value does not fit in 32 bits (%s)%s",
				   r->table, (unsigned long long)r->index,
				   elfk_x86_64_reloc_name(r->type), r->sym_name,
				   fit == FIT_S32 ? "signed" : "unsigned",
				   r->type == R_X86_64_PC32 ? HINT_PC32 :
				   r->type == R_X86_64_32 || r->type == R_X86_64_32S ?
				   HINT_ABS32 : "");
	memcpy(r->where, &v32, sizeof(v32));
	return 0;
}

/*
 * "call *foo@GOTPCREL(%rip)" (ff 15 disp32) and "jmp *foo@GOTPCREL(%rip)"
 * (ff 25): gcc emits them with -fno-plt, and the __tls_get_addr() call of
 * the general- and local-dynamic sequences is one whatever the flags; the
 * compiler's retpoline options do not apply to them.  They become, as ld
 * relaxes them, "call foo; nop" (e8 rel32 90) and "jmp foo; nop": direct
 * branches to the symbol when the object defines it, else to its PLT stub,
 * whose retpoline then does the indirect part.  The opcode moves to the
 * ModRM byte's place rather than taking an addr32 prefix there, so that a
 * REX.W before "ff" (the general-dynamic sequence's "66 48 ff 15") still
 * immediately precedes the opcode and keeps its 0x66 from shrinking the
 * call to 16 bits.
 */
bool elfk_x86_64_rel_branch_via_got(u32 type, const u8 *field, u64 before)
{
	return type == R_X86_64_GOTPCRELX && before >= 2 && field[-2] == 0xff &&
	       (field[-1] == 0x15 || field[-1] == 0x25);
}

static int rel_branch(const struct elfk_rel_fixup *f, struct elfk_log *log)
{
	const struct elfk_reloc *r = &f->r;
	u8 opcode = r->where[-1] == 0x15 ? 0xe8 : 0xe9;
	u64 target = f->plt ?: r->S;
	/* The rel32 starts one byte early; the instruction still ends at P + 4. */
	u64 val = target + r->A - (r->P - 1);
	u32 v32 = (u32)val;

	/* Another relocation may have written over the opcode since. */
	if (r->where[-2] != 0xff || (r->where[-1] != 0x15 && r->where[-1] != 0x25))
		return elfk_reject(log, -ENOEXEC,
				   "%s[%llu]: %s against '%s': the branch's opcode was overwritten (overlapping relocations)",
				   r->table, (unsigned long long)r->index,
				   elfk_x86_64_reloc_name(r->type), r->sym_name);
	if (!fits(val, FIT_S32))
		return elfk_reject(log, -ERANGE,
				   "%s[%llu]: %s against '%s': the direct branch does not reach",
				   r->table, (unsigned long long)r->index,
				   elfk_x86_64_reloc_name(r->type), r->sym_name);
	r->where[-2] = opcode;
	memcpy(r->where - 1, &v32, sizeof(v32));
	r->where[3] = 0x90;
	return 0;
}

int elfk_x86_64_rel_apply(const struct elfk_rel_fixup *f, struct elfk_log *log)
{
	enum rel_fit fit;
	u64 val = 0;

	if (!elfk_x86_64_rel_width(f->r.type))
		return elfk_reject(log, -EOPNOTSUPP,
				   "%s[%llu]: relocation type %u is not supported",
				   f->r.table, (unsigned long long)f->r.index,
				   f->r.type);
	if (f->branch)
		return rel_branch(f, log);
	rel_value(f, &val, &fit);
	return rel_write(f, val, fit, log);
}

/*
 * A PLT stub, 32 bytes: an IBT landing pad, the target loaded from the
 * symbol's GOT slot into %r11 (call-clobbered, never an argument), then a
 * retpoline, as __x86_indirect_thunk_r11 is written, inline: the stub
 * cannot reach the kernel's thunk with a direct jump any more than it can
 * reach its target, and a plain "jmp *slot(%rip)" would be an indirect
 * branch open to Spectre v2 in objects built with retpolines.
 *
 *   0: f3 0f 1e fa            endbr64
 *   4: 4c 8b 1d <rel32>       mov slot(%rip), %r11
 *  11: e8 07 00 00 00         call 23f
 *  16: f3 90                  pause
 *  18: 0f ae e8               lfence
 *  21: eb f9                  jmp 16b
 *  23: 4c 89 1c 24            mov %r11, (%rsp)
 *  27: c3                     ret
 *  28: cc cc cc cc            int3 (straight-line speculation, padding)
 */
#define PLT_SIZE 32
#define PLT_SLOT_FIELD 7
#define PLT_SLOT_NEXT 11

static const u8 plt_template[PLT_SIZE] = {
	0xf3, 0x0f, 0x1e, 0xfa,
	0x4c, 0x8b, 0x1d, 0x00, 0x00, 0x00, 0x00,
	0xe8, 0x07, 0x00, 0x00, 0x00,
	0xf3, 0x90,
	0x0f, 0xae, 0xe8,
	0xeb, 0xf9,
	0x4c, 0x89, 0x1c, 0x24,
	0xc3,
	0xcc, 0xcc, 0xcc, 0xcc,
};

/* The region is far smaller than 2 GiB, so the displacement always fits. */
void elfk_x86_64_rel_write_plt(u8 *stub, u64 stub_addr, u64 slot_addr)
{
	s32 disp = (s32)(slot_addr - (stub_addr + PLT_SLOT_NEXT));

	memcpy(stub, plt_template, sizeof(plt_template));
	memcpy(stub + PLT_SLOT_FIELD, &disp, sizeof(disp));
}

#define SHT_X86_64_UNWIND 0x70000001	/* .eh_frame */

static bool elfk_x86_64_rel_loadable_sh_type(u32 sh_type)
{
	return sh_type == SHT_X86_64_UNWIND;
}

/* RELA fields hold 0 until relocated: anything else is relocated twice. */
static bool elfk_x86_64_rel_field_is_clean(u32 type, const u8 *field,
					   u32 width)
{
	while (width--)
		if (*field++)
			return false;
	return true;
}

const struct elfk_rel_ops elfk_x86_64_rel_ops = {
	.width = elfk_x86_64_rel_width,
	.needs = elfk_x86_64_rel_needs,
	.apply = elfk_x86_64_rel_apply,
	.plt_size = PLT_SIZE,
	.write_plt = elfk_x86_64_rel_write_plt,
	.branch_via_got = elfk_x86_64_rel_branch_via_got,
	.loadable_sh_type = elfk_x86_64_rel_loadable_sh_type,
	.field_is_clean = elfk_x86_64_rel_field_is_clean,
	.clean_field = "zero",
};
