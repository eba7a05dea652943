// SPDX-License-Identifier: GPL-2.0
/*
 * The verifier's x86-64 decoder: small, table-driven, and only as wide as
 * the allow-list of Documentation/verified-mode.rst (rule I1).  Anything it
 * has no table entry for is refused, so an opcode nobody thought about is
 * never accepted by default.  It is not the kernel's insn_decode(): that is
 * not exported to modules, and it decodes everything, which we do not want.
 *
 * Portable: built in the module and on the host (tests, fuzzer, bench).
 */
#include "verify.h"

/* Table flags. */
#define F_OK	0x0001	/* on the allow-list */
#define F_MODRM	0x0002	/* a ModRM byte follows */
#define F_BYTE	0x0004	/* 8-bit operands */
#define F_WRM	0x0008	/* writes the r/m operand */
#define F_WREG	0x0010	/* writes the ModRM.reg register */
#define F_WACC	0x0020	/* writes %rax */
#define F_WRDX	0x0040	/* writes %rdx */
#define F_LOCK	0x0080	/* lock allowed with a memory r/m */
#define F_GRP	0x0100	/* meaning depends on ModRM.reg: vx_group() */
#define F_NOMEM	0x0200	/* the memory form is refused */
#define F_LOWREG 0x0400	/* low 3 opcode bits (+REX.B) name a written register */
#define F_NO66	0x0800	/* the 66 prefix is refused */
#define F_NOACC	0x1000	/* no memory access despite a memory operand (M7) */
#define F_DIV	0x2000	/* div/idiv (I2) */
#define F_STR	0x4000	/* string instruction (I5) */
#define F_MEMRD	0x8000	/* reads r/m only (documentation: default) */

/* Immediate kinds. */
enum { I_NONE, I_B, I_Z, I_V, I_W, I_REL8, I_REL32 };

struct vx_op {
	u16 f;
	u8 imm;
	u8 kind;
};

#define ALU_EB_GB { F_OK | F_MODRM | F_BYTE | F_WRM | F_LOCK, I_NONE, 0 }
#define ALU_EV_GV { F_OK | F_MODRM | F_WRM | F_LOCK, I_NONE, 0 }
#define ALU_GB_EB { F_OK | F_MODRM | F_BYTE | F_WREG, I_NONE, 0 }
#define ALU_GV_EV { F_OK | F_MODRM | F_WREG, I_NONE, 0 }
#define ALU_AL_IB { F_OK | F_BYTE | F_WACC, I_B, 0 }
#define ALU_AX_IZ { F_OK | F_WACC, I_Z, 0 }

static const struct vx_op vx_map1[256] = {
	/* add or adc sbb and sub xor */
	[0x00] = ALU_EB_GB, [0x01] = ALU_EV_GV,
	[0x02] = ALU_GB_EB, [0x03] = ALU_GV_EV,
	[0x04] = ALU_AL_IB, [0x05] = ALU_AX_IZ,
	[0x08] = ALU_EB_GB, [0x09] = ALU_EV_GV,
	[0x0a] = ALU_GB_EB, [0x0b] = ALU_GV_EV,
	[0x0c] = ALU_AL_IB, [0x0d] = ALU_AX_IZ,
	[0x10] = ALU_EB_GB, [0x11] = ALU_EV_GV,
	[0x12] = ALU_GB_EB, [0x13] = ALU_GV_EV,
	[0x14] = ALU_AL_IB, [0x15] = ALU_AX_IZ,
	[0x18] = ALU_EB_GB, [0x19] = ALU_EV_GV,
	[0x1a] = ALU_GB_EB, [0x1b] = ALU_GV_EV,
	[0x1c] = ALU_AL_IB, [0x1d] = ALU_AX_IZ,
	[0x20] = ALU_EB_GB, [0x21] = ALU_EV_GV,
	[0x22] = ALU_GB_EB, [0x23] = ALU_GV_EV,
	[0x24] = ALU_AL_IB, [0x25] = ALU_AX_IZ,
	[0x28] = ALU_EB_GB, [0x29] = ALU_EV_GV,
	[0x2a] = ALU_GB_EB, [0x2b] = ALU_GV_EV,
	[0x2c] = ALU_AL_IB, [0x2d] = ALU_AX_IZ,
	[0x30] = ALU_EB_GB, [0x31] = ALU_EV_GV,
	[0x32] = ALU_GB_EB, [0x33] = ALU_GV_EV,
	[0x34] = ALU_AL_IB, [0x35] = ALU_AX_IZ,
	/* cmp writes nothing */
	[0x38] = { F_OK | F_MODRM | F_BYTE, I_NONE, 0 },
	[0x39] = { F_OK | F_MODRM, I_NONE, 0 },
	[0x3a] = { F_OK | F_MODRM | F_BYTE, I_NONE, 0 },
	[0x3b] = { F_OK | F_MODRM, I_NONE, 0 },
	[0x3c] = { F_OK | F_BYTE, I_B, 0 },
	[0x3d] = { F_OK, I_Z, 0 },
	[0x50 ... 0x57] = { F_OK | F_NO66, I_NONE, VX_K_PUSH },
	[0x58 ... 0x5f] = { F_OK | F_NO66 | F_LOWREG, I_NONE, VX_K_POP },
	[0x63] = { F_OK | F_MODRM | F_WREG, I_NONE, 0 },
	[0x68] = { F_OK | F_NO66, I_Z, VX_K_PUSH },
	[0x69] = { F_OK | F_MODRM | F_WREG, I_Z, 0 },
	[0x6a] = { F_OK | F_NO66, I_B, VX_K_PUSH },
	[0x6b] = { F_OK | F_MODRM | F_WREG, I_B, 0 },
	[0x70 ... 0x7f] = { F_OK | F_NO66, I_REL8, VX_K_JCC },
	[0x80] = { F_OK | F_MODRM | F_BYTE | F_GRP, I_B, 0 },
	[0x81] = { F_OK | F_MODRM | F_GRP, I_Z, 0 },
	[0x83] = { F_OK | F_MODRM | F_GRP, I_B, 0 },
	[0x84] = { F_OK | F_MODRM | F_BYTE, I_NONE, 0 },
	[0x85] = { F_OK | F_MODRM, I_NONE, 0 },
	[0x86] = { F_OK | F_MODRM | F_BYTE | F_WRM | F_WREG | F_LOCK, I_NONE, 0 },
	[0x87] = { F_OK | F_MODRM | F_WRM | F_WREG | F_LOCK, I_NONE, 0 },
	[0x88] = { F_OK | F_MODRM | F_BYTE | F_WRM, I_NONE, 0 },
	[0x89] = { F_OK | F_MODRM | F_WRM, I_NONE, 0 },
	[0x8a] = { F_OK | F_MODRM | F_BYTE | F_WREG, I_NONE, 0 },
	[0x8b] = { F_OK | F_MODRM | F_WREG, I_NONE, 0 },
	[0x8d] = { F_OK | F_MODRM | F_WREG | F_NOACC, I_NONE, VX_K_LEA },
	[0x90] = { F_OK, I_NONE, VX_K_NOP },	/* vx_decode() special-cases */
	[0x91 ... 0x97] = { F_OK | F_LOWREG | F_WACC, I_NONE, 0 },
	[0x98] = { F_OK | F_WACC, I_NONE, 0 },
	[0x99] = { F_OK | F_WRDX, I_NONE, 0 },
	[0xa4 ... 0xa7] = { F_STR },
	[0xaa ... 0xaf] = { F_STR },
	[0x6c ... 0x6f] = { F_STR },
	[0xa8] = { F_OK | F_BYTE, I_B, 0 },
	[0xa9] = { F_OK, I_Z, 0 },
	[0xb0 ... 0xb7] = { F_OK | F_BYTE | F_LOWREG, I_B, 0 },
	[0xb8 ... 0xbf] = { F_OK | F_LOWREG, I_V, 0 },
	[0xc0] = { F_OK | F_MODRM | F_BYTE | F_GRP, I_B, 0 },
	[0xc1] = { F_OK | F_MODRM | F_GRP, I_B, 0 },
	[0xc6] = { F_OK | F_MODRM | F_BYTE | F_GRP, I_B, 0 },
	[0xc7] = { F_OK | F_MODRM | F_GRP, I_Z, 0 },
	[0xd0 ... 0xd3] = { F_OK | F_MODRM | F_GRP, I_NONE, 0 },
	[0xe8] = { F_OK | F_NO66, I_REL32, VX_K_CALL },
	[0xe9] = { F_OK | F_NO66, I_REL32, VX_K_JMP },
	[0xeb] = { F_OK | F_NO66, I_REL8, VX_K_JMP },
	[0xf6] = { F_OK | F_MODRM | F_BYTE | F_GRP, I_NONE, 0 },
	[0xf7] = { F_OK | F_MODRM | F_GRP, I_NONE, 0 },
	[0xfe] = { F_OK | F_MODRM | F_BYTE | F_GRP, I_NONE, 0 },
	[0xff] = { F_OK | F_MODRM | F_GRP, I_NONE, 0 },
};

static const struct vx_op vx_map2[256] = {
	[0x1f] = { F_OK | F_MODRM | F_NOACC | F_GRP, I_NONE, VX_K_NOP },
	[0x40 ... 0x4f] = { F_OK | F_MODRM | F_WREG, I_NONE, 0 },
	[0x80 ... 0x8f] = { F_OK | F_NO66, I_REL32, VX_K_JCC },
	[0x90 ... 0x9f] = { F_OK | F_MODRM | F_BYTE | F_WRM | F_GRP, I_NONE, 0 },
	/* bt with a register bit offset reaches far past the operand (M8) */
	[0xa3] = { F_OK | F_MODRM | F_NOMEM, I_NONE, 0 },
	[0xab] = { F_OK | F_MODRM | F_WRM | F_NOMEM, I_NONE, 0 },
	[0xb3] = { F_OK | F_MODRM | F_WRM | F_NOMEM, I_NONE, 0 },
	[0xbb] = { F_OK | F_MODRM | F_WRM | F_NOMEM, I_NONE, 0 },
	[0xa4] = { F_OK | F_MODRM | F_WRM, I_B, 0 },
	[0xa5] = { F_OK | F_MODRM | F_WRM, I_NONE, 0 },
	[0xac] = { F_OK | F_MODRM | F_WRM, I_B, 0 },
	[0xad] = { F_OK | F_MODRM | F_WRM, I_NONE, 0 },
	[0xaf] = { F_OK | F_MODRM | F_WREG, I_NONE, 0 },
	[0xb0] = { F_OK | F_MODRM | F_BYTE | F_WRM | F_WACC | F_LOCK, I_NONE, 0 },
	[0xb1] = { F_OK | F_MODRM | F_WRM | F_WACC | F_LOCK, I_NONE, 0 },
	[0xb6] = { F_OK | F_MODRM | F_WREG, I_NONE, 0 },
	[0xb7] = { F_OK | F_MODRM | F_WREG, I_NONE, 0 },
	[0xba] = { F_OK | F_MODRM | F_GRP, I_B, 0 },
	[0xbc] = { F_OK | F_MODRM | F_WREG, I_NONE, 0 },
	[0xbd] = { F_OK | F_MODRM | F_WREG, I_NONE, 0 },
	[0xbe] = { F_OK | F_MODRM | F_WREG, I_NONE, 0 },
	[0xbf] = { F_OK | F_MODRM | F_WREG, I_NONE, 0 },
	[0xc0] = { F_OK | F_MODRM | F_BYTE | F_WRM | F_WREG | F_LOCK, I_NONE, 0 },
	[0xc1] = { F_OK | F_MODRM | F_WRM | F_WREG | F_LOCK, I_NONE, 0 },
	[0xc8 ... 0xcf] = { F_OK | F_LOWREG | F_NO66, I_NONE, 0 },
};

/*
 * Group opcodes: the ModRM.reg field selects the operation.  Returns the
 * flags that apply (F_OK clear when refused) and may change the kind.
 */
static u16 vx_group(u8 map, u8 op, u8 reg, u16 f, u8 *kind)
{
	u16 base = f & (F_OK | F_MODRM | F_BYTE);

	if (map == 1) {
		switch (op) {
		case 0x1f:	/* nop Ev: /0 only */
			return reg ? 0 : base | F_NOACC;
		case 0xba:	/* bt/bts/btr/btc Ev, Ib */
			if (reg < 4)
				return 0;
			return reg == 4 ? base : base | F_WRM | F_LOCK;
		default:	/* 0f 90-9f setcc: /0 only */
			return reg ? 0 : base | F_WRM;
		}
	}
	switch (op) {
	case 0x80:
	case 0x81:
	case 0x83:	/* add or adc sbb and sub xor cmp */
		return reg == 7 ? base : base | F_WRM | F_LOCK;
	case 0xc0:
	case 0xc1:
	case 0xd0:
	case 0xd1:
	case 0xd2:
	case 0xd3:	/* rol ror rcl rcr shl shr (sal /6 refused) sar */
		if (op == 0xd0 || op == 0xd2)
			base |= F_BYTE;
		return reg == 6 ? 0 : base | F_WRM;
	case 0xc6:
	case 0xc7:	/* mov Ev, imm: /0 only (c6 f8/c7 f8 are xabort/xbegin) */
		return reg ? 0 : base | F_WRM;
	case 0xf6:
	case 0xf7:
		switch (reg) {
		case 0:		/* test Ev, imm */
			return base;
		case 2:		/* not */
		case 3:		/* neg */
			return base | F_WRM | F_LOCK;
		case 4:		/* mul */
		case 5:		/* imul */
			return base | F_WACC | (op == 0xf7 ? F_WRDX : 0);
		case 6:
		case 7:
			return F_DIV;
		default:	/* /1 is an undocumented test alias */
			return 0;
		}
	case 0xfe:	/* inc, dec Eb */
		return reg < 2 ? base | F_WRM | F_LOCK : 0;
	case 0xff:
		switch (reg) {
		case 0:
		case 1:		/* inc, dec */
			return base | F_WRM | F_LOCK;
		case 4:		/* jmp *Ev: register form only (C6) */
			*kind = VX_K_JMPIND;
			return base | F_NOMEM;
		case 6:		/* push Ev */
			*kind = VX_K_PUSH;
			return base | F_NO66;
		default:	/* call *, far call, far jmp (C6, C8) */
			return 0;
		}
	}
	return 0;
}

static inline u16 vx_bit(u8 r)
{
	return (u16)1 << r;
}

/* An 8-bit register operand: without REX, 4-7 are %ah %ch %dh %bh. */
static inline u8 vx_byte_reg(const struct vx_insn *in, u8 r)
{
	if (!in->rex && r >= 4 && r < 8)
		return r - 4;
	return r;
}

static s64 vx_read_le(const u8 *p, unsigned int n)
{
	switch (n) {
	case 1:
		return (s8)p[0];
	case 2:
		return (s16)(p[0] | p[1] << 8);
	case 4:
		return (s32)((u32)p[0] | (u32)p[1] << 8 | (u32)p[2] << 16 |
			     (u32)p[3] << 24);
	default: {
		u64 v = 0;
		int i;

		for (i = 7; i >= 0; i--)
			v = v << 8 | p[i];
		return (s64)v;
	}
	}
}

/* 1: @b is a prefix we take, 0: not a prefix, -1: a refused prefix (I6) */
static int vx_prefix(struct vx_insn *in, u8 b, u8 *n66, bool *cs)
{
	switch (b) {
	case 0x66:
		return ++*n66 <= 2 ? 1 : -1;
	case 0x2e:
		if (*cs)
			return -1;
		*cs = true;
		return 1;
	case 0xf0:
		if (in->lock)
			return -1;
		in->lock = true;
		return 1;
	case 0xf3:
		if (in->rep)
			return -1;
		in->rep = true;
		return 1;
	case 0xf2:
	case 0x26:
	case 0x36:
	case 0x3e:
	case 0x64:
	case 0x65:
	case 0x67:
		return -1;
	default:
		return 0;
	}
}

/**
 * vx_decode() - decode one instruction and check it against rules I1-I7
 * @p: its first byte
 * @avail: bytes available from @p
 * @in: filled in
 *
 * Return: 0, or an enum vx_derr.  @in->len is set on VX_D_OPCODE-type
 * refusals as far as it is known (at least 1) for the log line.
 */
int vx_decode(const u8 *p, size_t avail, struct vx_insn *in)
{
	const struct vx_op *t;
	size_t i = 0, n;
	bool cs = false;
	u8 b, kind, imm, n66 = 0;
	int pfx;
	u16 f;

	memset(in, 0, sizeof(*in));
	in->base = VX_NONE;
	in->index = VX_NONE;
	in->len = 1;

	/*
	 * Legacy prefixes (I6): at most one each of 66, f0, f3, except that
	 * the assembler's padding nops carry 66 66 2e (checked below).
	 */
	for (;; i++) {
		if (i >= avail)
			return VX_D_TRUNC;
		b = p[i];
		pfx = vx_prefix(in, b, &n66, &cs);
		if (pfx < 0) {
			in->len = i + 1;
			return VX_D_PREFIX;
		}
		if (!pfx)
			break;
	}
	in->p66 = n66;
	if ((b & 0xf0) == 0x40) {
		in->rex = b;
		if (++i >= avail)
			return VX_D_TRUNC;
		b = p[i];
	}
	in->len = i + 1;
	if (b == 0x0f) {
		if (++i >= avail)
			return VX_D_TRUNC;
		in->map = 1;
		b = p[i];
		in->len = i + 1;
		t = &vx_map2[b];
	} else {
		t = &vx_map1[b];
	}
	in->op = b;
	i++;
	f = t->f;
	kind = t->kind;
	imm = t->imm;
	if (f & F_STR)
		return VX_D_STRING;
	if (!(f & F_OK))
		return VX_D_OPCODE;

	in->opsize = (f & F_BYTE) ? 1 : (in->rex & 8) ? 8 : in->p66 ? 2 : 4;

	if (f & F_MODRM) {
		u8 m, rm;

		if (i >= avail)
			return VX_D_TRUNC;
		m = p[i++];
		in->has_modrm = true;
		in->mod = m >> 6;
		in->reg = ((m >> 3) & 7) | ((in->rex & 4) << 1);
		rm = m & 7;
		if (f & F_GRP) {
			f = vx_group(in->map, in->op, (m >> 3) & 7, f, &kind);
			if (f & F_DIV)
				return VX_D_DIV;
			if (!(f & F_OK))
				return VX_D_OPCODE;
			in->opsize = (f & F_BYTE) ? 1 : (in->rex & 8) ? 8 :
				     in->p66 ? 2 : 4;
			/* test Ev, imm is the only group 3 member with one */
			if (!in->map && (in->op == 0xf6 || in->op == 0xf7) &&
			    !(in->reg & 7))
				imm = in->op == 0xf6 ? I_B : I_Z;
		}
		if (in->mod == 3) {
			in->rm = rm | ((in->rex & 1) << 3);
		} else {
			unsigned int dsz = in->mod == 1 ? 1 : in->mod == 2 ? 4 : 0;

			in->mem = true;
			in->scale = 1;
			if (rm == 4) {
				u8 sib, idx, bs;

				if (i >= avail)
					return VX_D_TRUNC;
				sib = p[i++];
				in->scale = 1 << (sib >> 6);
				idx = ((sib >> 3) & 7) | ((in->rex & 2) << 2);
				bs = sib & 7;
				in->index = idx == VX_RSP ? VX_NONE : idx;
				if (bs == 5 && in->mod == 0)
					dsz = 4;	/* no base */
				else
					in->base = bs | ((in->rex & 1) << 3);
			} else if (rm == 5 && in->mod == 0) {
				in->base = VX_RIP;
				dsz = 4;
			} else {
				in->base = rm | ((in->rex & 1) << 3);
			}
			if (dsz) {
				if (i + dsz > avail)
					return VX_D_TRUNC;
				in->disp = (s32)vx_read_le(p + i, dsz);
				i += dsz;
			}
			if (f & F_NOMEM)
				return kind == VX_K_JMPIND ? VX_D_JMPMEM :
				       in->map ? VX_D_BTMEM : VX_D_FORM;
			if (f & F_NOACC)
				in->mem = false;
			else
				in->mem_write = !!(f & F_WRM);
		}
		if (kind == VX_K_LEA && in->mod == 3)
			return VX_D_FORM;
		/*
		 * 0f 1f with a register operand is a nop to the CPU, but no
		 * assembler pads with it and capstone does not decode it: an
		 * independent decoder must agree with every byte we accept.
		 */
		if (kind == VX_K_NOP && in->map && in->mod == 3)
			return VX_D_FORM;
	}

	/* Prefixes allowed only with particular instructions (I1, I6). */
	if (in->p66 && (f & F_NO66))
		return VX_D_PREFIX;
	if (in->lock && (!(f & F_LOCK) || !in->mem))
		return VX_D_PREFIX;
	if ((n66 > 1 || cs) && kind != VX_K_NOP)
		return VX_D_PREFIX;
	if (in->rep && !(t == &vx_map1[0x90] && !in->rex && !in->p66))
		return VX_D_PREFIX;

	switch (imm) {
	case I_B:
	case I_REL8:
		n = 1;
		break;
	case I_Z:
		n = in->opsize == 2 ? 2 : 4;
		break;
	case I_V:
		n = in->opsize;
		break;
	case I_W:
		n = 2;
		break;
	case I_REL32:
		n = 4;
		break;
	default:
		n = 0;
	}
	/* push imm is always 64-bit; its immediate is 8 or 32 bits. */
	if (n) {
		if (i + n > avail)
			return VX_D_TRUNC;
		if (imm == I_REL8 || imm == I_REL32)
			in->rel = (s32)vx_read_le(p + i, n);
		else
			in->imm = vx_read_le(p + i, n);
		i += n;
	}
	if (i > 15)
		return VX_D_TOOLONG;
	in->len = i;
	in->kind = kind;

	/* 90: nop; f3 90: pause; REX.B 90 is xchg %r8, %rax. */
	if (t == &vx_map1[0x90] && (in->rex & 1)) {
		in->kind = VX_K_PLAIN;
		f |= F_LOWREG | F_WACC;
	}

	/* Registers written, in any width (R1, R2, S3). */
	if ((f & F_WREG) && in->has_modrm)
		in->writes |= vx_bit(f & F_BYTE ? vx_byte_reg(in, in->reg) : in->reg);
	if ((f & F_WRM) && in->has_modrm && in->mod == 3)
		in->writes |= vx_bit(f & F_BYTE ? vx_byte_reg(in, in->rm) : in->rm);
	if (f & F_LOWREG) {
		u8 r = (in->op & 7) | ((in->rex & 1) << 3);

		in->writes |= vx_bit(f & F_BYTE ? vx_byte_reg(in, r) : r);
	}
	if (f & F_WACC)
		in->writes |= vx_bit(VX_RAX);
	if (f & F_WRDX)
		in->writes |= vx_bit(VX_RDX);
	if (kind == VX_K_PUSH || kind == VX_K_POP || kind == VX_K_CALL)
		in->writes |= vx_bit(VX_RSP);
	/* Memory operands of push Ev are read, 8 bytes. */
	if (kind == VX_K_PUSH && in->mem)
		in->opsize = 8;
	return 0;
}

/* Opcodes refused as privileged or system (I4), or FPU/SIMD (I3). */
static bool vx_privileged(const struct vx_insn *in)
{
	u8 op = in->op;

	if (in->map == 1)
		return op <= 0x0b || (op >= 0x20 && op <= 0x23) ||
		       (op >= 0x30 && op <= 0x37) || op == 0xa2 ||
		       op == 0xa0 || op == 0xa1 || op == 0xa8 || op == 0xa9 ||
		       op == 0xaa || op == 0xae || op == 0xb9 || op == 0xff ||
		       op == 0xc7;
	return op == 0x8c || op == 0x8e || op == 0x9a || op == 0xea ||
	       op == 0x9c || op == 0x9d || op == 0x9e || op == 0x9f ||
	       (op >= 0xc2 && op <= 0xc3) || (op >= 0xc8 && op <= 0xcf) ||
	       (op >= 0xe0 && op <= 0xe7) || (op >= 0xec && op <= 0xef) ||
	       op == 0xf1 || op == 0xf4 || op == 0xf5 || op == 0xfa ||
	       op == 0xfb || op == 0xfc || op == 0xfd || op == 0xf8 ||
	       op == 0xf9;
}

static bool vx_fpu_simd(const struct vx_insn *in)
{
	u8 op = in->op;

	if (in->map == 1)
		return (op >= 0x10 && op <= 0x17) || (op >= 0x28 && op <= 0x2f) ||
		       (op >= 0x50 && op <= 0x7f) || (op >= 0xc2 && op <= 0xc6) ||
		       op >= 0xd0 || op == 0x38 || op == 0x3a || op == 0xb8;
	return (op >= 0xd8 && op <= 0xdf) || op == 0xc4 || op == 0xc5 ||
	       op == 0x62 || op == 0x8f;
}

/**
 * vx_derr_why() - the rule and the reason for a decoder result
 * @in: the instruction as far as it was decoded
 * @err: an enum vx_derr
 * @rule: set to the rule number's text
 *
 * Return: a short reason for the log line.
 */
const char *vx_derr_why(const struct vx_insn *in, int err, const char **rule)
{
	switch (err) {
	case VX_D_TRUNC:
		*rule = "C2";
		return "instruction runs past the end of the code";
	case VX_D_PREFIX:
		*rule = "I6";
		return "prefix not allowed here";
	case VX_D_DIV:
		*rule = "I2";
		return "div/idiv can raise #DE";
	case VX_D_STRING:
		*rule = "I5";
		return "string instruction";
	case VX_D_FORM:
		*rule = "I1";
		return "operand form not allowed";
	case VX_D_TOOLONG:
		*rule = "I6";
		return "instruction longer than 15 bytes";
	case VX_D_BTMEM:
		*rule = "M8";
		return "bit test of memory with a register offset";
	case VX_D_JMPMEM:
		*rule = "C6";
		return "indirect jump through memory";
	}
	if (in->map == 0 && in->op == 0xff) {
		*rule = (in->reg & 7) == 2 ? "C6" : "C8";
		return (in->reg & 7) == 2 ? "indirect call" : "far call or jump";
	}
	if (in->map == 0 && ((in->op >= 0xe0 && in->op <= 0xe3) ||
			     in->op == 0xc8 || in->op == 0xc9 || in->op == 0xca ||
			     in->op == 0xcb || in->op == 0x9a || in->op == 0xea)) {
		*rule = "C8";
		return "loop/jrcxz, enter/leave or far transfer";
	}
	if (in->map == 0 && (in->op == 0xc3 || in->op == 0xc2)) {
		*rule = "C7";
		return "ret: a return is pop and a masked jump";
	}
	if (vx_privileged(in)) {
		*rule = "I4";
		return "privileged or system instruction";
	}
	if (vx_fpu_simd(in)) {
		*rule = "I3";
		return "FPU/SIMD or non-baseline instruction";
	}
	*rule = "I7";
	return "instruction not on the allow-list";
}
