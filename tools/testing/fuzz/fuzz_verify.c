// SPDX-License-Identifier: GPL-2.0
/*
 * Differential fuzzer of the verified-mode verifier (arch/x86_64/verify.c,
 * Documentation/verified-mode.rst, rule V4).
 *
 * Each input becomes a code buffer in one of two ways (the first byte picks):
 * the raw bytes, or a program assembled from fragments the input selects
 * (allowed instructions, masks, S3, fuel bundles, masked indirect jumps,
 * guarded branches, forbidden near-misses, raw bytes), padded to bundles
 * as an assembler would, so that accepted buffers are common.
 *
 * Whatever the verifier accepts is disassembled again by capstone, an
 * independent decoder, which must agree on every instruction boundary and
 * find every instruction on the allow-list, every memory operand
 * confined, no write to a reserved register, every direct branch on an
 * instruction start or a trampoline entry, and every indirect jump masked.
 * A disagreement is a crash libFuzzer keeps.
 */
#include <capstone/capstone.h>
#include <stdint.h>

#include "fuzz_common.h"
#include "../../../arch/x86_64/verify.h"

/* The window of tools/testing/verify/sandbox.inc. */
static const struct elfk_verify_cfg cfg = {
	.window_bits = 24,
	.code_bits = 20,
	.guard = 1 << 20,
	.code_off = 0x1000,
	.tramp_entries = 128,
};

#define MAXCODE 4096
#define SMASK 0x7fffffu
#define LMASK 0xffffffu
#define BMASK 0xfffe0u

struct prog {
	u8 b[MAXCODE + 64];
	size_t n;
	size_t starts[MAXCODE];
	size_t ns;
};

static void put(struct prog *p, const u8 *s, size_t len, bool pad)
{
	if (pad && (p->n % 32) + len > 32)
		while (p->n % 32 && p->n < MAXCODE)
			p->b[p->n++] = 0x90;
	if (p->n + len > MAXCODE)
		return;
	if (p->ns < MAXCODE)
		p->starts[p->ns++] = p->n;
	memcpy(p->b + p->n, s, len);
	p->n += len;
}

static void put32(u8 *d, u32 v)
{
	d[0] = v;
	d[1] = v >> 8;
	d[2] = v >> 16;
	d[3] = v >> 24;
}

/* Window offset of byte @n of the code. */
static s64 woff(size_t n)
{
	return (s64)cfg.code_off + (s64)n;
}

static void fuel_bundle(struct prog *p, u8 n)
{
	u8 f[32];
	size_t at;
	/* a near miss: a REX-prefixed call, one byte longer than jae skips */
	bool rex = n == 0x7f;

	while (p->n % 32 && p->n < MAXCODE)
		p->b[p->n++] = 0x90;
	if (p->n + 32 > MAXCODE)
		return;
	at = p->n;
	memset(f, 0x90, 12);
	f[12] = 0x81; f[13] = 0xe4; put32(f + 14, SMASK);	/* and $m, %esp */
	f[18] = 0x4c; f[19] = 0x01; f[20] = 0xfc;		/* add %r15, %rsp */
	f[21] = 0x49; f[22] = 0x83; f[23] = 0xed; f[24] = n;	/* sub $n, %r13 */
	f[25] = 0x73; f[26] = 0x05;				/* jae .+7 */
	f[27] = 0xe8; put32(f + 28, (u32)(0x20 - woff(at + 32)));	/* call T_FUEL */
	if (rex) {
		memmove(f + 11, f + 12, 15);
		f[26] = 0x48;
	}
	put(p, f, 32, false);
}

static void ijmp(struct prog *p, u8 reg)
{
	u8 f[32];
	size_t i = 0, at;

	reg &= 7;
	if (reg == 4)
		reg = 0;
	while (p->n % 32 && p->n < MAXCODE)
		p->b[p->n++] = 0x90;
	if (p->n + 32 > MAXCODE)
		return;
	at = p->n;
	f[i++] = 0x81; f[i++] = 0xe0 | reg; put32(f + i, BMASK); i += 4;
	f[i++] = 0x4c; f[i++] = 0x01; f[i++] = 0xf0 | reg;	/* add %r14, %rR */
	f[i++] = 0x81; f[i++] = 0xe4; put32(f + i, SMASK); i += 4;
	f[i++] = 0x4c; f[i++] = 0x01; f[i++] = 0xfc;
	f[i++] = 0x49; f[i++] = 0x83; f[i++] = 0xed; f[i++] = 1;
	f[i++] = 0x0f; f[i++] = 0x82; put32(f + i, (u32)(0x40 - woff(at + i + 4))); i += 4;
	f[i++] = 0xff; f[i++] = 0xe0 | reg;
	put(p, f, i, false);
}

/* Single instructions, mostly allowed, some near misses. */
static const struct {
	u8 len;
	u8 b[8];
} frags[] = {
	{ 3, { 0x48, 0x01, 0xd8 } },		/* add %rbx, %rax */
	{ 2, { 0x31, 0xc9 } },			/* xor %ecx, %ecx */
	{ 4, { 0x48, 0x83, 0xc1, 0x01 } },	/* add $1, %rcx */
	{ 5, { 0xb8, 1, 2, 3, 4 } },		/* mov $imm, %eax */
	{ 4, { 0x89, 0x44, 0x24, 0x08 } },	/* mov %eax, 8(%rsp) */
	{ 4, { 0x48, 0x8b, 0x04, 0x24 } },	/* mov (%rsp), %rax */
	{ 5, { 0x48, 0x8d, 0x54, 0x24, 0x08 } },	/* lea 8(%rsp), %rdx */
	{ 1, { 0x50 } },			/* push %rax */
	{ 1, { 0x5b } },			/* pop %rbx */
	{ 4, { 0x48, 0x83, 0xec, 0x40 } },	/* sub $64, %rsp */
	{ 4, { 0x48, 0x83, 0xe4, 0xf0 } },	/* and $-16, %rsp */
	{ 4, { 0x48, 0x0f, 0xaf, 0xc3 } },	/* imul %rbx, %rax */
	{ 3, { 0x0f, 0x94, 0xc0 } },		/* sete %al */
	{ 4, { 0x48, 0x0f, 0x44, 0xc3 } },	/* cmove %rbx, %rax */
	{ 3, { 0x48, 0xf7, 0xe3 } },		/* mul %rbx */
	{ 4, { 0x48, 0xc1, 0xe0, 0x03 } },	/* shl $3, %rax */
	{ 3, { 0x48, 0x0f, 0xc8 } },		/* bswap %rax */
	{ 2, { 0x66, 0x90 } },			/* xchg %ax, %ax */
	{ 2, { 0xf3, 0x90 } },			/* pause */
	{ 4, { 0x0f, 0x1f, 0x40, 0x00 } },	/* nopl 0(%rax) */
	{ 7, { 0x8b, 0x05, 0x00, 0x00, 0x80, 0x00 } },	/* mov rip+X, %eax */
	{ 7, { 0x49, 0x8b, 0x86, 0x00, 0x01, 0, 0 } },	/* mov 0x100(%r14), %rax */
	{ 7, { 0x49, 0x89, 0x87, 0x00, 0x01, 0, 0 } },	/* mov %rax, 0x100(%r15) */
	{ 3, { 0x4c, 0x01, 0xfc } },		/* add %r15, %rsp */
	{ 6, { 0x81, 0xe4, 0xff, 0xff, 0x7f, 0x00 } },	/* and $m, %esp */
	{ 3, { 0x48, 0x89, 0xc4 } },		/* mov %rax, %rsp */
	{ 4, { 0x49, 0x83, 0xed, 0x01 } },	/* sub $1, %r13 */
	{ 2, { 0x73, 0x05 } },			/* jae .+7 */
	{ 3, { 0x4c, 0x01, 0xf0 } },		/* add %r14, %rax */
	{ 2, { 0xff, 0xe0 } },			/* jmp *%rax */
	{ 3, { 0x49, 0x89, 0xc6 } },		/* mov %rax, %r14 */
	{ 3, { 0x48, 0xf7, 0xf1 } },		/* div %rcx */
	{ 1, { 0xc3 } },			/* ret */
	{ 2, { 0xeb, 0x00 } },			/* jmp .+2 */
	{ 2, { 0x74, 0x02 } },			/* je .+4 */
	{ 4, { 0xf0, 0x0f, 0xb1, 0x0a } },	/* lock cmpxchg %ecx, (%rdx) */
	{ 5, { 0x66, 0x66, 0x2e, 0x0f, 0x1f } },	/* prefix soup (+ modrm next) */
};

static void build(struct prog *p, const u8 *d, size_t n)
{
	size_t i = 0;

	while (i < n && p->n < MAXCODE - 64) {
		u8 op = d[i++], arg = i < n ? d[i] : 0;
		bool pad = !(op & 0x80);
		u8 f[16];

		switch (op & 0x7f) {
		case 0 ... 36:
			put(p, frags[(op & 0x7f) % ARRAY_SIZE(frags)].b,
			    frags[(op & 0x7f) % ARRAY_SIZE(frags)].len, pad);
			break;
		case 37 ... 47: {	/* masked store or load, register from arg */
			u8 r = arg & 7, w = (op & 1);

			i++;
			if (r == 4)
				r = 1;
			f[0] = 0x81; f[1] = 0xe0 | r; put32(f + 2, w ? SMASK : LMASK);
			f[6] = w ? 0x41 : 0x41;
			f[7] = w ? 0x89 : 0x8b;
			f[8] = 0x5c; f[9] = (r << 3) | (w ? 7 : 6); f[10] = arg >> 3;
			if (!pad || (p->n % 32) + 11 > 32)
				while (pad && p->n % 32)
					p->b[p->n++] = 0x90;
			put(p, f, 6, false);
			put(p, f + 6, 5, false);
			break;
		}
		case 48 ... 55:
			fuel_bundle(p, 1 + (arg & 0x7f));
			i++;
			break;
		case 56 ... 61:		/* guarded backward jump to a start */
			fuel_bundle(p, 1);
			if (p->ns && p->n + 5 <= MAXCODE) {
				size_t t = p->starts[arg % p->ns];
				s64 rel = (s64)t - (s64)(p->n + 5);

				f[0] = 0xe9; put32(f + 1, (u32)rel);
				put(p, f, 5, false);
			}
			i++;
			break;
		case 62 ... 66:		/* guarded call, padded to the bundle end */
			fuel_bundle(p, 1);
			if (p->n + 32 <= MAXCODE) {
				size_t t = p->starts[arg % p->ns];

				memset(p->b + p->n, 0x90, 27);
				p->n += 27;
				f[0] = 0xe8; put32(f + 1, (u32)((s64)t - (s64)(p->n + 5)));
				put(p, f, 5, false);
			}
			i++;
			break;
		case 67 ... 72:
			ijmp(p, arg);
			i++;
			break;
		case 73 ... 80: {	/* forward jcc/jmp by arg */
			f[0] = (op & 1) ? 0xeb : 0x70 | (arg & 0xf);
			f[1] = arg >> 2;
			put(p, f, 2, pad);
			i++;
			break;
		}
		default: {		/* raw bytes */
			size_t len = 1 + (op & 3);

			if (i + len > n)
				len = n - i;
			put(p, d + i, len, false);
			i += len;
		}
		}
	}
	while (p->n % 32)
		p->b[p->n++] = 0x90;
}

/* ---- the capstone oracle ------------------------------------------------- */

static csh cs;
static unsigned long n_runs, n_accepted, n_insns;

/* How much the oracle actually checked: accepted buffers are the point. */
static void report(void)
{
	fprintf(stderr, "fuzz_verify: %lu inputs, %lu accepted, %lu instructions cross-checked\n",
		n_runs, n_accepted, n_insns);
}

static bool reg_in(x86_reg r, x86_reg a, x86_reg b, x86_reg c, x86_reg d)
{
	return r == a || r == b || r == c || r == d;
}

static bool is_r14(x86_reg r)
{
	return reg_in(r, X86_REG_R14, X86_REG_R14D, X86_REG_R14W, X86_REG_R14B);
}

static bool is_r15(x86_reg r)
{
	return reg_in(r, X86_REG_R15, X86_REG_R15D, X86_REG_R15W, X86_REG_R15B);
}

static bool is_r13(x86_reg r)
{
	return reg_in(r, X86_REG_R13, X86_REG_R13D, X86_REG_R13W, X86_REG_R13B);
}

static const char *const allowed[] = {
	"add", "or", "adc", "sbb", "and", "sub", "xor", "cmp", "test", "mov",
	"movzx", "movsx", "movsxd", "movabs", "lea", "xchg", "cmpxchg", "xadd",
	"inc", "dec", "neg", "not", "push", "pop", "imul", "mul", "shl", "shr",
	"sar", "rol", "ror", "rcl", "rcr", "shld", "shrd", "bt", "bts", "btr",
	"btc", "bsf", "bsr", "bswap", "cbw", "cwde", "cdqe", "cwd", "cdq", "cqo",
	"jmp", "call", "nop", "pause",
};

static bool mnemonic_allowed(const char *m)
{
	size_t i;

	if (!strncmp(m, "lock ", 5))
		m += 5;
	if (!strncmp(m, "set", 3) || !strncmp(m, "cmov", 4))
		return true;
	if (m[0] == 'j' && strcmp(m, "jrcxz") && strcmp(m, "jecxz") &&
	    strcmp(m, "jcxz"))
		return true;
	for (i = 0; i < ARRAY_SIZE(allowed); i++)
		if (!strcmp(m, allowed[i]))
			return true;
	return false;
}

struct ci {
	size_t off;
	u8 len;
	unsigned int id;
	char mn[32];
	cs_x86 x;
	bool wr14, wr13, wrsp;
};

static struct ci insns[MAXCODE];

/* Is @c "and $imm, %<32-bit reg>" with imm < @lim? Returns the register. */
static x86_reg and_mask(const struct ci *c, u64 lim)
{
	if (c->id != X86_INS_AND || c->x.op_count != 2 ||
	    c->x.operands[0].type != X86_OP_REG ||
	    c->x.operands[1].type != X86_OP_IMM ||
	    c->x.operands[0].size != 4 ||
	    (u64)(u32)c->x.operands[1].imm >= lim)
		return X86_REG_INVALID;
	return c->x.operands[0].reg;
}

static x86_reg reg32(x86_reg r)
{
	static const x86_reg r64[] = { X86_REG_RAX, X86_REG_RCX, X86_REG_RDX,
		X86_REG_RBX, X86_REG_RSP, X86_REG_RBP, X86_REG_RSI, X86_REG_RDI,
		X86_REG_R8, X86_REG_R9, X86_REG_R10, X86_REG_R11, X86_REG_R12,
		X86_REG_R13, X86_REG_R14, X86_REG_R15 };
	static const x86_reg r32[] = { X86_REG_EAX, X86_REG_ECX, X86_REG_EDX,
		X86_REG_EBX, X86_REG_ESP, X86_REG_EBP, X86_REG_ESI, X86_REG_EDI,
		X86_REG_R8D, X86_REG_R9D, X86_REG_R10D, X86_REG_R11D,
		X86_REG_R12D, X86_REG_R13D, X86_REG_R14D, X86_REG_R15D };
	size_t i;

	for (i = 0; i < ARRAY_SIZE(r64); i++)
		if (r64[i] == r)
			return r32[i];
	return X86_REG_INVALID;
}

static bool same_bundle(const struct ci *a, const struct ci *b)
{
	return a->off / 32 == b->off / 32;
}

static void oracle(const u8 *code, size_t size)
{
	const u8 *p = code;
	size_t left = size, n = 0, i, j;
	u64 addr = cfg.code_off;
	cs_insn *in = cs_malloc(cs);

	while (left && cs_disasm_iter(cs, &p, &left, &addr, in)) {
		struct ci *c = &insns[n];
		cs_regs rr, rw;
		u8 nr = 0, nw = 0;

		c->off = in->address - cfg.code_off;
		c->len = in->size;
		c->id = in->id;
		snprintf(c->mn, sizeof(c->mn), "%s", in->mnemonic);
		c->x = in->detail->x86;
		c->wr14 = false;
		c->wr13 = false;
		c->wrsp = false;
		if (!cs_regs_access(cs, in, rr, &nr, rw, &nw))
			for (j = 0; j < nw; j++) {
				c->wr14 |= is_r14(rw[j]) || is_r15(rw[j]);
				c->wr13 |= is_r13(rw[j]);
				c->wrsp |= reg_in(rw[j], X86_REG_RSP, X86_REG_ESP,
						  X86_REG_SP, X86_REG_SPL);
			}
		n++;
	}
	cs_free(in, 1);
	n_insns += n;
	fuzz_assert(!left, "capstone stops at +0x%zx of an accepted buffer", size - left);

	for (i = 0; i < n; i++) {
		struct ci *c = &insns[i], *prev = i ? &insns[i - 1] : NULL;
		struct vx_insn v;

		/* Same boundaries as our decoder. */
		fuzz_assert(!vx_decode(code + c->off, size - c->off, &v) &&
			    v.len == c->len,
			    "+0x%zx %s: capstone length %u, ours %u", c->off,
			    c->mn, c->len, v.len);
		fuzz_assert(c->off / 32 == (c->off + c->len - 1) / 32,
			    "+0x%zx %s crosses a bundle", c->off, c->mn);
		fuzz_assert(mnemonic_allowed(c->mn), "+0x%zx %s not allowed",
			    c->off, c->mn);
		fuzz_assert(!c->wr14, "+0x%zx %s writes r14/r15", c->off, c->mn);
		if (c->wr13)
			fuzz_assert(c->id == X86_INS_SUB &&
				    c->x.operands[1].type == X86_OP_IMM &&
				    c->x.operands[1].imm >= 1 &&
				    c->x.operands[1].imm <= 127 && i + 1 < n &&
				    (insns[i + 1].id == X86_INS_JAE ||
				     insns[i + 1].id == X86_INS_JB),
				    "+0x%zx %s writes r13", c->off, c->mn);
		if (c->wrsp && c->id != X86_INS_PUSH && c->id != X86_INS_POP &&
		    c->id != X86_INS_CALL && c->id != X86_INS_ADD &&
		    c->id != X86_INS_SUB && c->id != X86_INS_AND &&
		    c->id != X86_INS_LEA)
			fuzz_assert(i + 2 < n &&
				    and_mask(&insns[i + 1], SMASK + 1) == X86_REG_ESP &&
				    insns[i + 2].id == X86_INS_ADD,
				    "+0x%zx %s writes rsp without S3", c->off, c->mn);

		for (j = 0; j < c->x.op_count; j++) {
			cs_x86_op *o = &c->x.operands[j];
			s64 d = o->mem.disp;

			bool wr;

			if (o->type != X86_OP_MEM || c->id == X86_INS_LEA ||
			    c->id == X86_INS_NOP)
				continue;
			/* capstone 4 marks test's memory operand written */
			wr = (o->access & CS_AC_WRITE) && c->id != X86_INS_TEST &&
			     c->id != X86_INS_CMP && c->id != X86_INS_BT;
			fuzz_assert(o->mem.segment == X86_REG_INVALID,
				    "+0x%zx %s segment", c->off, c->mn);
			if (o->mem.base == X86_REG_RIP) {
				s64 t = (s64)cfg.code_off + c->off + c->len + d;

				fuzz_assert(t >= -(s64)cfg.guard &&
					    t < (1 << 24) + (s64)cfg.guard,
					    "+0x%zx %s rip target", c->off, c->mn);
				if (wr)
					fuzz_assert(t >= (1 << 23) && t < (1 << 24),
						    "+0x%zx %s rip store", c->off, c->mn);
			} else if (o->mem.base == X86_REG_RSP) {
				fuzz_assert(o->mem.index == X86_REG_INVALID &&
					    d >= -32768 && d < 32768,
					    "+0x%zx %s rsp operand", c->off, c->mn);
			} else if (o->mem.base == X86_REG_R14 ||
				   o->mem.base == X86_REG_R15) {
				bool w = o->mem.base == X86_REG_R15;

				fuzz_assert(w || !wr,
					    "+0x%zx %s stores through r14", c->off, c->mn);
				if (o->mem.index == X86_REG_INVALID) {
					s64 a = d + (w ? 1 << 23 : 0);

					fuzz_assert(a >= (w ? (1 << 23) : 0) - (s64)cfg.guard &&
						    a < (1 << 24) + (s64)cfg.guard - 16,
						    "+0x%zx %s static offset", c->off, c->mn);
					continue;
				}
				fuzz_assert(o->mem.scale == 1 && d >= -32768 &&
					    d < 32768 && prev && same_bundle(prev, c) &&
					    and_mask(prev, w ? SMASK + 1 : LMASK + 1) ==
					    reg32(o->mem.index),
					    "+0x%zx %s unmasked index", c->off, c->mn);
			} else {
				fuzz_assert(0, "+0x%zx %s base register %d", c->off,
					    c->mn, o->mem.base);
			}
		}

		if (c->x.op_count == 1 && c->x.operands[0].type == X86_OP_IMM &&
		    (c->mn[0] == 'j' || c->id == X86_INS_CALL)) {
			s64 t = c->x.operands[0].imm - (s64)cfg.code_off;
			bool tramp = c->x.operands[0].imm >= 0 &&
				     c->x.operands[0].imm < cfg.tramp_entries * 32 &&
				     !(c->x.operands[0].imm & 31);
			bool start = false;

			for (j = 0; j < n && !tramp && !start; j++)
				start = (s64)insns[j].off == t;
			/* F2's jae .+7 may land on the trap bundles past the code */
			if (c->id == X86_INS_JAE && prev && prev->wr13)
				start = t == (s64)(c->off + 7) && !(t % 32) &&
					t <= (s64)size;
			fuzz_assert(tramp || start, "+0x%zx %s target", c->off, c->mn);
			if (c->id == X86_INS_CALL)
				fuzz_assert((c->off + c->len) % 32 == 0,
					    "+0x%zx call not at bundle end", c->off);
			/* backward or call into code: after a fuel bundle */
			if (!tramp && (c->id == X86_INS_CALL || t <= (s64)c->off)) {
				size_t k = i;

				while (k && same_bundle(&insns[k - 1], c)) {
					fuzz_assert(insns[k - 1].id == X86_INS_NOP,
						    "+0x%zx guarded branch after non-nop",
						    c->off);
					k--;
				}
				fuzz_assert(k >= 3 && insns[k - 1].id == X86_INS_CALL &&
					    insns[k - 2].id == X86_INS_JAE &&
					    insns[k - 3].id == X86_INS_SUB &&
					    insns[k - 1].off + insns[k - 1].len ==
					    c->off - (c->off % 32),
					    "+0x%zx unguarded backward branch", c->off);
			}
		}
		if ((c->id == X86_INS_JMP || c->id == X86_INS_CALL) &&
		    c->x.op_count == 1 && c->x.operands[0].type == X86_OP_REG) {
			x86_reg r = c->x.operands[0].reg;

			fuzz_assert(c->id == X86_INS_JMP && i >= 6 &&
				    same_bundle(&insns[i - 6], c) &&
				    and_mask(&insns[i - 6], 1 << 20) == reg32(r) &&
				    !(insns[i - 6].x.operands[1].imm & 31) &&
				    insns[i - 5].id == X86_INS_ADD &&
				    insns[i - 5].x.operands[1].reg == X86_REG_R14 &&
				    insns[i - 5].x.operands[0].reg == r &&
				    insns[i - 1].id == X86_INS_JB,
				    "+0x%zx indirect branch not masked", c->off);
		}
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct prog p;
	char buf[FUZZ_LOG_SIZE];
	struct elfk_log log;
	const u8 *code;
	size_t len;
	int err;

	if (!cs) {
		if (cs_open(CS_ARCH_X86, CS_MODE_64, &cs) != CS_ERR_OK)
			abort();
		cs_option(cs, CS_OPT_DETAIL, CS_OPT_ON);
		atexit(report);
	}
	n_runs++;
	if (!size)
		return 0;
	if (data[0] & 1) {
		/* raw bytes, padded to whole bundles with nops */
		memset(&p, 0, sizeof(p));
		len = min_t(size_t, size - 1, MAXCODE);
		memcpy(p.b, data + 1, len);
		while (len % 32 && !(data[0] & 2))
			p.b[len++] = 0x90;
		code = p.b;
	} else {
		memset(&p, 0, sizeof(p));
		build(&p, data + 1, size - 1);
		code = p.b;
		len = p.n;
	}
	elfk_log_init(&log, buf, sizeof(buf), ELFK_LOG_LEVEL_ERROR);
	err = elfk_x86_verify(code, len, &cfg, NULL, &log);
	fuzz_check_log(&log, buf, sizeof(buf));
	fuzz_check_result(err, buf);
	if (!err && len) {
		n_accepted++;
		oracle(code, len);
	}
	return 0;
}
