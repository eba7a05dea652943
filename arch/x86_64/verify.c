// SPDX-License-Identifier: GPL-2.0
/*
 * Verified mode's x86-64 code verifier (issue 15).
 *
 * Decodes every byte of a code buffer once, front to back, and accepts it
 * only if it follows the rules of Documentation/verified-mode.rst; each
 * refusal is one log line naming the offset, the bytes, the rule and why.
 * Linear: one pass with a history of the current bundle's instructions
 * (pseudo-instructions never leave a bundle, so that is all the context a
 * rule needs), three bitmaps, and a final pass over the branch targets.
 *
 * Portable: built in the module and on the host.
 */
#include "verify.h"

#define VX_BUNDLE	32
#define VX_DISP		32768	/* D of rules M1-M4 */
#define VX_ACCESS_MAX	16

enum vx_expect {
	EXP_NONE,
	EXP_AND_ESP,	/* an %rsp write: the S3 and must follow */
	EXP_ADD_R15,	/* S3's and: its add must follow */
	EXP_FUEL_BR,	/* sub $n, %r13: jae .+5 or jb <trampoline> */
	EXP_FUEL_CALL,	/* jae .+5: call <trampoline> ending the bundle */
	EXP_JMPIND,	/* jb <trampoline> of I: jmp *%reg */
};

struct vx_ctx {
	const u8 *code;
	size_t size;
	const struct elfk_verify_cfg *cfg;
	struct elfk_log *log;
	u8 *start;	/* instruction starts */
	u8 *nt;		/* not a direct branch target (pseudo interiors) */
	u8 *want;	/* direct branch targets */
	struct vx_insn hist[VX_BUNDLE];
	size_t hoff[VX_BUNDLE];
	unsigned int nh;
	enum vx_expect expect;
	size_t fuel_end;	/* end of the last fuel bundle, or 0 */
	u64 drift;
	u64 insns;
};

static inline void vx_set(u8 *map, size_t i)
{
	map[i >> 3] |= 1 << (i & 7);
}

static inline bool vx_test(const u8 *map, size_t i)
{
	return map[i >> 3] & (1 << (i & 7));
}

static int vx_refuse(struct vx_ctx *c, size_t off, size_t len, int err,
		     const char *rule, const char *why)
{
	char hex[3 * 15 + 1];
	size_t i, n = min_t(size_t, min_t(size_t, len, 15), c->size - off);

	hex[0] = '\0';
	for (i = 0; i < n; i++)
		snprintf(hex + 3 * i - !!i, sizeof(hex) - 3 * i + !!i, "%s%02x",
			 i ? " " : "", c->code[off + i]);
	return elfk_reject(c->log, err, "verify: +0x%zx: %s: rule %s: %s",
			   off, hex, rule, why);
}

#define REFUSE(c, off, in, rule, why) \
	vx_refuse(c, off, (in)->len, -EACCES, rule, why)

/* and $imm, %eR (32-bit, so it zero-extends) with 0 <= imm < 2^bits. */
static bool vx_is_mask(const struct vx_insn *in, u8 reg, unsigned int bits)
{
	if (in->map || in->p66 || (in->rex & 8))
		return false;
	/* and $imm32, %eax: the accumulator form GNU as prefers */
	if (in->op == 0x25)
		return reg == VX_RAX &&
		       (bits >= 32 || (u32)in->imm < ((u32)1 << bits));
	if (in->mod != 3 || in->rm != reg || !in->has_modrm)
		return false;
	if ((in->op == 0x81 || in->op == 0x83) && (in->reg & 7) == 4)
		return bits >= 32 || (u32)in->imm < ((u32)1 << bits);
	/* mov %eR, %eR for order 32 */
	return bits >= 32 && (in->op == 0x89 || in->op == 0x8b) &&
	       in->reg == reg;
}

/* The indirect-branch mask of C6: a multiple of 32 below 2^c. */
static bool vx_is_branch_mask(const struct vx_insn *in, u8 reg,
			      unsigned int cbits)
{
	return vx_is_mask(in, reg, cbits) && in->op != 0x83 &&
	       !((u32)in->imm & (VX_BUNDLE - 1));
}

/* add %src, %dst, 64-bit, register form, either encoding. */
static bool vx_is_add_rr(const struct vx_insn *in, u8 src, u8 dst)
{
	if (in->map || in->mod != 3 || !(in->rex & 8) || in->p66)
		return false;
	return (in->op == 0x01 && in->reg == src && in->rm == dst) ||
	       (in->op == 0x03 && in->reg == dst && in->rm == src);
}

/* sub $n, %r13 with 1 <= n <= 127 (F2, C6) */
static bool vx_is_fuel_sub(const struct vx_insn *in)
{
	return !in->map && in->op == 0x83 && (in->reg & 7) == 5 &&
	       in->mod == 3 && in->rm == VX_R13 && (in->rex & 8) &&
	       !in->p66 && in->imm >= 1 && in->imm <= 127;
}

/*
 * The padding C5 and F2 allow: nop forms only.  pause (f3 90) decodes as
 * a nop and is allowed anywhere else (I1), but the rules name nop, and the
 * differential fuzzer's decoder holds the verifier to that.
 */
static bool vx_is_nop(const struct vx_insn *in)
{
	return in->kind == VX_K_NOP && !in->rep;
}

static s64 vx_target(const struct vx_ctx *c, size_t off,
		     const struct vx_insn *in)
{
	return (s64)c->cfg->code_off + (s64)off + in->len + in->rel;
}

static bool vx_is_tramp(const struct vx_ctx *c, s64 t)
{
	return t >= 0 && t < (s64)c->cfg->tramp_entries * VX_BUNDLE &&
	       !(t & (VX_BUNDLE - 1));
}

/* Rules M1-M6 for an instruction that accesses memory. */
static int vx_check_mem(struct vx_ctx *c, size_t off, const struct vx_insn *in)
{
	const struct elfk_verify_cfg *cfg = c->cfg;
	u64 win = (u64)1 << cfg->window_bits, half = win / 2;
	s64 lo, hi, a;

	if (in->base == VX_R14 || in->base == VX_R15) {
		bool wbase = in->base == VX_R15;

		if (!wbase && in->mem_write)
			return REFUSE(c, off, in, "M6",
				      "store through %r14: only %r15 reaches the writable half");
		if (in->index != VX_NONE) {
			const struct vx_insn *prev = c->nh ? &c->hist[c->nh - 1] : NULL;

			if (in->scale != 1)
				return REFUSE(c, off, in, "M6", "scaled index");
			if (!prev || !vx_is_mask(prev, in->index,
						 cfg->window_bits - wbase))
				return REFUSE(c, off, in, wbase ? "M2" : "M1",
					      "index not masked by the instruction just before it");
			if (in->disp < -VX_DISP || in->disp >= VX_DISP)
				return REFUSE(c, off, in, wbase ? "M2" : "M1",
					      "displacement out of range");
			vx_set(c->nt, off);
			return 0;
		}
		/* M3: a static offset from the base */
		a = (s64)in->disp + (wbase ? (s64)half : 0);
		lo = wbase ? (s64)half - (s64)cfg->guard : -(s64)cfg->guard;
		hi = (s64)win + (s64)cfg->guard;
		if (a < lo || a + VX_ACCESS_MAX > hi)
			return REFUSE(c, off, in, "M3", "offset outside the window and its guards");
		return 0;
	}
	if (in->base == VX_RSP && in->index == VX_NONE) {
		if (in->disp < -VX_DISP || in->disp >= VX_DISP)
			return REFUSE(c, off, in, "M4", "stack displacement out of range");
		return 0;
	}
	if (in->base == VX_RIP) {
		a = (s64)cfg->code_off + (s64)off + in->len + in->disp;
		if (in->mem_write) {
			lo = (s64)half;
			hi = (s64)win;
		} else {
			lo = -(s64)cfg->guard;
			hi = (s64)win + (s64)cfg->guard;
		}
		if (a < lo || a + in->opsize > hi)
			return REFUSE(c, off, in, "M5", in->mem_write ?
				      "rip-relative store outside the writable half" :
				      "rip-relative load outside the window");
		return 0;
	}
	if (in->base == VX_NONE)
		return REFUSE(c, off, in, "M6", "absolute address");
	return REFUSE(c, off, in, "M6", "memory base is not %r14, %r15, %rsp or %rip");
}

/* Rule S2: the drift of an %rsp write, or -1 when it is not a drift form. */
static s64 vx_drift(const struct vx_insn *in)
{
	if (in->kind == VX_K_PUSH || in->kind == VX_K_CALL)
		return 8;
	if (in->kind == VX_K_POP)
		return ((in->op & 7) | ((in->rex & 1) << 3)) == VX_RSP ? -1 : 8;
	if (in->map || !(in->rex & 8) || in->p66)
		return -1;
	if ((in->op == 0x81 || in->op == 0x83) && in->mod == 3 &&
	    in->rm == VX_RSP) {
		if ((in->reg & 7) == 0 || (in->reg & 7) == 5)
			return in->imm < 0 ? -in->imm : in->imm;
		if ((in->reg & 7) == 4 && in->op == 0x83 && in->imm < 0)
			return -in->imm;
		return -1;
	}
	if (in->op == 0x8d && in->reg == VX_RSP && in->base == VX_RSP &&
	    in->index == VX_NONE)
		return in->disp < 0 ? -(s64)in->disp : in->disp;
	return -1;
}

/* Rules C3-C5 for a direct branch. */
static int vx_check_branch(struct vx_ctx *c, size_t off,
			   const struct vx_insn *in)
{
	s64 t = vx_target(c, off, in);
	s64 lo = (s64)c->cfg->code_off, hi = lo + (s64)c->size;
	size_t bstart = off & ~(size_t)(VX_BUNDLE - 1);
	unsigned int i;

	if (in->kind == VX_K_CALL && (off + in->len) % VX_BUNDLE)
		return REFUSE(c, off, in, "C4", "call does not end at a bundle end");
	if (vx_is_tramp(c, t))
		return 0;
	if (t < lo || t >= hi)
		return REFUSE(c, off, in, "C3", "branch target outside the code");
	vx_set(c->want, (size_t)(t - lo));
	if (in->kind != VX_K_CALL && (size_t)(t - lo) > off)
		return 0;
	/* C5: a guarded branch */
	if (c->fuel_end != bstart || !bstart)
		return REFUSE(c, off, in, "C5", in->kind == VX_K_CALL ?
			      "call not guarded by a fuel bundle" :
			      "backward branch not guarded by a fuel bundle");
	for (i = 0; i < c->nh; i++) {
		if (!vx_is_nop(&c->hist[i]))
			return REFUSE(c, off, in, "C5",
				      "guarded branch is not the first instruction after the fuel bundle");
		vx_set(c->nt, c->hoff[i]);
	}
	vx_set(c->nt, off);
	return 0;
}

/* Rule C6: jmp *%reg must end the pseudo-instruction I. */
static int vx_check_jmpind(struct vx_ctx *c, size_t off,
			   const struct vx_insn *in)
{
	const struct vx_insn *h = c->hist;
	unsigned int n = c->nh, i;
	u8 r = in->rm;

	if (r == VX_RSP || r == VX_R13 || r == VX_R14 || r == VX_R15)
		return REFUSE(c, off, in, "C6", "indirect branch through a reserved register");
	if (c->expect != EXP_JMPIND || n < 6 ||
	    !vx_is_branch_mask(&h[n - 6], r, c->cfg->code_bits) ||
	    !vx_is_add_rr(&h[n - 5], VX_R14, r))
		return REFUSE(c, off, in, "C6",
			      "indirect branch without the masked, fuelled sequence");
	for (i = n - 5; i < n; i++)
		vx_set(c->nt, c->hoff[i]);
	vx_set(c->nt, off);
	return 0;
}

/* The fuel bundle (F2) ends with this call: check what came before. */
static int vx_check_fuel_bundle(struct vx_ctx *c, size_t off,
				const struct vx_insn *in)
{
	unsigned int n = c->nh, i;

	/* jae .+5 skips exactly this call: a longer encoding (a REX prefix)
	 * would make it land inside the call's displacement.
	 */
	if (in->kind != VX_K_CALL || in->len != 5 ||
	    !vx_is_tramp(c, vx_target(c, off, in)) ||
	    (off + in->len) % VX_BUNDLE)
		return REFUSE(c, off, in, "F2",
			      "fuel check not followed by a call to a trampoline ending the bundle");
	/* h[n-4..n-1]: and esp, add r15, sub r13, jae (checked on the way) */
	if (n < 4)
		return REFUSE(c, off, in, "F2", "fuel bundle without S3");
	for (i = 0; i + 4 < n; i++)
		if (!vx_is_nop(&c->hist[i]))
			return REFUSE(c, off, in, "F2",
				      "fuel bundle holds more than nops, S3 and the fuel check");
	for (i = n - 3; i < n; i++)
		vx_set(c->nt, c->hoff[i]);
	vx_set(c->nt, off);
	c->fuel_end = off + in->len;
	return 0;
}

static int vx_one(struct vx_ctx *c, size_t off, const struct vx_insn *in)
{
	const struct elfk_verify_cfg *cfg = c->cfg;
	enum vx_expect exp = c->expect, next = EXP_NONE;
	const u16 reserved = (1 << VX_R14) | (1 << VX_R15);
	int err;

	/* What the previous instruction requires of this one. */
	switch (exp) {
	case EXP_NONE:
		break;
	case EXP_AND_ESP:
		if (!vx_is_mask(in, VX_RSP, cfg->window_bits - 1))
			return REFUSE(c, off, in, "S3",
				      "%rsp written without and $m, %esp; add %r15, %rsp right after");
		break;
	case EXP_ADD_R15:
		if (!vx_is_add_rr(in, VX_R15, VX_RSP))
			return REFUSE(c, off, in, "S3",
				      "and $m, %esp not followed by add %r15, %rsp");
		vx_set(c->nt, off);
		break;
	case EXP_FUEL_BR:
		if (!in->map && in->op == 0x73 && in->rel == 5) {
			next = EXP_FUEL_CALL;
			vx_set(c->nt, off);
		} else if (in->kind == VX_K_JCC && (in->op & 0xf) == 2 &&
			   vx_is_tramp(c, vx_target(c, off, in))) {
			next = EXP_JMPIND;
			vx_set(c->nt, off);
		} else {
			return REFUSE(c, off, in, "F2",
				      "sub from %r13 not followed by jae .+5 or jb to a trampoline");
		}
		break;
	case EXP_FUEL_CALL:
		err = vx_check_fuel_bundle(c, off, in);
		if (err)
			return err;
		break;
	case EXP_JMPIND:
		if (in->kind != VX_K_JMPIND)
			return REFUSE(c, off, in, "C6",
				      "jb to a trampoline not followed by jmp *%reg");
		break;
	}

	if (in->writes & reserved)
		return REFUSE(c, off, in, "R1", "writes %r14 or %r15");
	if (in->writes & (1 << VX_R13)) {
		const struct vx_insn *h = c->hist;
		unsigned int n = c->nh;

		if (!vx_is_fuel_sub(in))
			return REFUSE(c, off, in, "R2", "writes the fuel register %r13");
		if (n < 2 || !vx_is_mask(&h[n - 2], VX_RSP, cfg->window_bits - 1) ||
		    !vx_is_add_rr(&h[n - 1], VX_R15, VX_RSP))
			return REFUSE(c, off, in, "F2", "fuel check not preceded by S3");
		vx_set(c->nt, off);
		next = EXP_FUEL_BR;
	}
	if ((in->writes & (1 << VX_RSP)) && exp != EXP_ADD_R15) {
		s64 d = vx_drift(in);

		if (d >= 0)
			c->drift += (u64)d;
		else if (vx_is_mask(in, VX_RSP, cfg->window_bits - 1))
			next = EXP_ADD_R15;
		else
			next = EXP_AND_ESP;
	}

	if (in->mem) {
		err = vx_check_mem(c, off, in);
		if (err)
			return err;
	}

	/* The fuel bundle's jae .+5 lands on the next bundle's start. */
	if ((in->kind == VX_K_JCC && next != EXP_FUEL_CALL) ||
	    in->kind == VX_K_JMP || in->kind == VX_K_CALL) {
		err = vx_check_branch(c, off, in);
		if (err)
			return err;
	} else if (in->kind == VX_K_JMPIND) {
		err = vx_check_jmpind(c, off, in);
		if (err)
			return err;
	}
	c->expect = next;
	return 0;
}

/* Re-decode to name the branch whose target @t is bad (rule C3). */
static int vx_bad_target(struct vx_ctx *c, size_t t)
{
	struct vx_insn in;
	size_t off = 0;
	s64 lo = (s64)c->cfg->code_off;

	while (off < c->size && !vx_decode(c->code + off, c->size - off, &in)) {
		if ((in.kind == VX_K_JCC || in.kind == VX_K_JMP ||
		     in.kind == VX_K_CALL) && vx_target(c, off, &in) - lo == (s64)t)
			return REFUSE(c, off, &in, "C3", vx_test(c->start, t) ?
				      "branch into a pseudo-instruction" :
				      "branch into the middle of an instruction");
		off += in.len;
	}
	return vx_refuse(c, t, 1, -EACCES, "C3", "bad branch target");
}

static int vx_check_cfg(const struct elfk_verify_cfg *cfg, size_t size,
			struct elfk_log *log)
{
	u32 k = cfg->window_bits, cb = cfg->code_bits;

	if (k <= 12 || k > 32 || cb < 12 || cb >= k - 1 ||
	    !is_power_of_2(cfg->guard) || cfg->guard < 65536 ||
	    cfg->guard > ((u64)1 << (k - 2)) ||
	    ((u64)1 << cb) + cfg->guard > ((u64)1 << (k - 1)) ||
	    cfg->tramp_entries > 4096 / VX_BUNDLE)
		return elfk_reject(log, -EINVAL, "verify: rule W4: bad window configuration");
	if (cfg->code_off % VX_BUNDLE || cfg->code_off < 4096 ||
	    size % VX_BUNDLE || size > ((u64)1 << cb) - cfg->code_off)
		return elfk_reject(log, -EINVAL,
				   "verify: rule W4: code size or offset not bundle aligned or outside the code region");
	return 0;
}

/**
 * elfk_x86_verify() - check x86-64 code against the verified-mode rules
 * @code: the code bytes, as they will sit in the window
 * @size: their number (a multiple of 32)
 * @cfg: the window they will run in
 * @stats: if not NULL, filled in on success
 * @log: the caller's log: one line per refusal
 *
 * Return: 0 if every rule of Documentation/verified-mode.rst holds,
 * -EACCES naming the first broken rule, -ENOEXEC for a truncated
 * instruction, -EINVAL for a bad @cfg, -ENOMEM.
 */
int elfk_x86_verify(const u8 *code, size_t size,
		    const struct elfk_verify_cfg *cfg,
		    struct elfk_verify_stats *stats, struct elfk_log *log)
{
	struct vx_ctx *c;
	size_t off = 0, nb = (size + 7) / 8, i;
	int err;

	err = vx_check_cfg(cfg, size, log);
	if (err)
		return err;
	c = elfk_env_zalloc(sizeof(*c) + 3 * nb);
	if (!c)
		return -ENOMEM;
	c->code = code;
	c->size = size;
	c->cfg = cfg;
	c->log = log;
	c->start = (u8 *)(c + 1);
	c->nt = c->start + nb;
	c->want = c->nt + nb;

	while (off < size) {
		struct vx_insn *in;

		if (!(off % VX_BUNDLE)) {
			if (c->expect != EXP_NONE) {
				err = vx_refuse(c, off, 1, -EACCES, "C1",
						"pseudo-instruction crosses a bundle boundary");
				goto out;
			}
			c->nh = 0;
		}
		in = &c->hist[c->nh];
		err = vx_decode(code + off, size - off, in);
		if (err) {
			const char *rule, *why = vx_derr_why(in, err, &rule);

			err = vx_refuse(c, off, in->len,
					err == VX_D_TRUNC ? -ENOEXEC : -EACCES,
					rule, why);
			goto out;
		}
		if (off / VX_BUNDLE != (off + in->len - 1) / VX_BUNDLE) {
			err = REFUSE(c, off, in, "C1", "instruction crosses a bundle boundary");
			goto out;
		}
		vx_set(c->start, off);
		err = vx_one(c, off, in);
		if (err)
			goto out;
		c->hoff[c->nh++] = off;
		c->insns++;
		off += in->len;
		if (!(c->insns & 0xffff))
			elfk_env_resched();
	}
	if (c->expect != EXP_NONE) {
		err = vx_refuse(c, size ? size - 1 : 0, 1, -EACCES, "C1",
				"code ends inside a pseudo-instruction");
		goto out;
	}
	if (c->drift > cfg->guard - VX_DISP - VX_ACCESS_MAX) {
		err = elfk_reject(log, -EACCES,
				  "verify: rule S5: stack drift %llu exceeds the guard's %llu",
				  (unsigned long long)c->drift,
				  (unsigned long long)(cfg->guard - VX_DISP - VX_ACCESS_MAX));
		goto out;
	}
	for (i = 0; i < nb; i++) {
		u8 bad = c->want[i] & (~c->start[i] | c->nt[i]);

		if (bad) {
			err = vx_bad_target(c, i * 8 + __builtin_ctz(bad));
			goto out;
		}
	}
	if (stats) {
		stats->insns = c->insns;
		stats->drift = c->drift;
	}
out:
	elfk_env_free(c);
	return err;
}
EXPORT_SYMBOL_IF_KUNIT(elfk_x86_verify);
