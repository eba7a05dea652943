// SPDX-License-Identifier: GPL-2.0
/*
 * The stub architecture's static relocations: just enough to link the
 * host tests' ET_REL fixture, and two pairs modelled on riscv's
 * R_RISCV_PCREL_HI20 / R_RISCV_PCREL_LO12_I, to show that an arch whose
 * addresses are split over two relocations needs no core edit.
 *
 * A HI half writes the upper 20 bits of its value, rounded so that the LO
 * half's sign-extended 12 bits complete it (as AUIPC + ADDI do); the LO
 * half's symbol is a label on the HI half's field, and it writes what the
 * HI half left over.  Each field is a little-endian u32 (no instruction
 * encoding: the stub runs nothing).
 */
#include "../../lib/elf_rel.h"
#include "stub.h"

/* What is left for the LO half once the rounded upper 20 bits are taken. */
static s64 lo12(u64 v)
{
	return (s64)(v - (((v + 0x800) >> 12) << 12));
}

static u32 stub_rel_width(u32 type)
{
	switch (type) {
	case R_STUB_64:
		return 8;
	case R_STUB_PCREL_HI20:
	case R_STUB_PCREL_LO12:
	case R_STUB_ABS_HI20:
	case R_STUB_ABS_LO12:
		return 4;
	default:
		return 0;
	}
}

static u32 stub_rel_needs(u32 type)
{
	switch (type) {
	case R_STUB_PCREL_HI20:
	case R_STUB_ABS_HI20:
		return ELFK_REL_USES_S | ELFK_REL_PAIR_HI;
	case R_STUB_PCREL_LO12:
	case R_STUB_ABS_LO12:
		return ELFK_REL_USES_S | ELFK_REL_PAIR_LO;
	default:
		return ELFK_REL_USES_S;
	}
}

static u64 stub_rel_pair_value(const struct elfk_rel_fixup *hi)
{
	const struct elfk_reloc *r = &hi->r;

	if (r->type == R_STUB_PCREL_HI20)
		return r->S + r->A - r->P;
	return r->S + r->A;
}

static bool stub_rel_pairs_with(u32 lo_type, u32 hi_type)
{
	return (lo_type == R_STUB_PCREL_LO12 && hi_type == R_STUB_PCREL_HI20) ||
	       (lo_type == R_STUB_ABS_LO12 && hi_type == R_STUB_ABS_HI20);
}

static int stub_rel_apply(const struct elfk_rel_fixup *f,
			  struct elfk_log *log)
{
	const struct elfk_reloc *r = &f->r;
	u64 v;
	u32 w;

	switch (r->type) {
	case R_STUB_64:
		v = r->S + r->A;
		memcpy(r->where, &v, sizeof(v));
		return 0;
	case R_STUB_PCREL_HI20:
	case R_STUB_ABS_HI20:
		v = stub_rel_pair_value(f);
		/* As AUIPC's: a signed 32-bit value, after rounding. */
		if ((s64)v < S32_MIN || (s64)v > (s64)S32_MAX - 0x800)
			return elfk_reject(log, -ERANGE,
					   "%s[%llu]: the value of '%s' does not fit 32 signed bits",
					   r->table, (unsigned long long)r->index,
					   r->sym_name);
		w = (u32)((v + 0x800) >> 12) & 0xfffff;
		break;
	default:
		/* A LO half: the core found its HI half and checked the pair. */
		w = (u32)lo12(f->hi->value) & 0xfff;
		break;
	}
	memcpy(r->where, &w, sizeof(w));
	return 0;
}

const struct elfk_rel_ops elfk_stub_rel_ops = {
	.width = stub_rel_width,
	.needs = stub_rel_needs,
	.apply = stub_rel_apply,
	.pair_value = stub_rel_pair_value,
	.pairs_with = stub_rel_pairs_with,
};
