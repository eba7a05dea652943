/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Verified mode's x86-64 code verifier and its decoder.  The rules they
 * enforce are numbered in Documentation/verified-mode.rst; comments and log
 * lines cite them.
 */
#ifndef _ELFK_X86_64_VERIFY_H
#define _ELFK_X86_64_VERIFY_H

#include "../../lib/core.h"

/* General-purpose register numbers, as ModRM and REX encode them. */
enum {
	VX_RAX, VX_RCX, VX_RDX, VX_RBX, VX_RSP, VX_RBP, VX_RSI, VX_RDI,
	VX_R8, VX_R9, VX_R10, VX_R11, VX_R12, VX_R13, VX_R14, VX_R15,
	VX_RIP = 16,	/* only as a memory base */
	VX_NONE = 17,
};

/* What the decoder knows about an instruction beyond its operands. */
enum vx_kind {
	VX_K_PLAIN,	/* ALU, mov, ...: nothing special for control flow */
	VX_K_NOP,	/* 90, 66 90, 0f 1f /0, pause */
	VX_K_LEA,	/* computes an address, accesses nothing (M7) */
	VX_K_JCC,	/* jcc rel8/rel32 */
	VX_K_JMP,	/* jmp rel8/rel32 */
	VX_K_CALL,	/* call rel32 */
	VX_K_JMPIND,	/* jmp *%reg (C6) */
	VX_K_PUSH,	/* push reg/imm/mem: drift 8 (S2) */
	VX_K_POP,	/* pop reg: drift 8 (S2) */
};

/**
 * struct vx_insn - one decoded instruction
 * @len: length in bytes
 * @kind: enum vx_kind
 * @map: 0 for the one-byte map, 1 for 0f
 * @op: the opcode byte in @map
 * @rex: the REX prefix, 0 when absent
 * @p66: operand-size prefix present
 * @lock: lock prefix present
 * @rep: f3 prefix present (pause only)
 * @opsize: operand size in bytes: 1, 2, 4 or 8
 * @has_modrm: a ModRM byte follows the opcode
 * @mod: ModRM.mod
 * @reg: ModRM.reg with REX.R
 * @rm: ModRM.rm with REX.B (a register when @mod == 3)
 * @mem: the instruction has a memory operand
 * @mem_write: the memory operand is written
 * @base: memory base register, VX_RIP or VX_NONE
 * @index: memory index register or VX_NONE
 * @scale: 1, 2, 4 or 8
 * @disp: memory displacement
 * @imm: the immediate, sign-extended
 * @rel: branch displacement from the end of the instruction
 * @writes: bit n set when general register n is written, in any width
 */
struct vx_insn {
	u8 len;
	u8 kind;
	u8 map;
	u8 op;
	u8 rex;
	bool p66;
	bool lock;
	bool rep;
	u8 opsize;
	bool has_modrm;
	u8 mod;
	u8 reg;
	u8 rm;
	bool mem;
	bool mem_write;
	u8 base;
	u8 index;
	u8 scale;
	s32 disp;
	s64 imm;
	s32 rel;
	u16 writes;
};

/* Decoder results other than success (0). */
enum vx_derr {
	VX_D_TRUNC = 1,		/* the instruction runs past the buffer */
	VX_D_PREFIX,		/* I6: a prefix that is not allowed */
	VX_D_OPCODE,		/* I1-I5, I7: not on the allow-list */
	VX_D_DIV,		/* I2 */
	VX_D_STRING,		/* I5 */
	VX_D_FORM,		/* an allowed opcode in a form that is not */
	VX_D_TOOLONG,		/* over 15 bytes */
	VX_D_BTMEM,		/* M8 */
	VX_D_JMPMEM,		/* C6: jmp through memory */
};

int vx_decode(const u8 *p, size_t avail, struct vx_insn *in);
const char *vx_derr_why(const struct vx_insn *in, int err, const char **rule);

/**
 * struct elfk_verify_cfg - the window the code will run in (rule W4)
 * @window_bits: k: the window is 2^k bytes, 12 < k <= 32
 * @code_bits: c: the code region is [0, 2^c), 2^c + @guard <= 2^(k-1)
 * @guard: G: guard zone size, a power of two, 64 KiB <= G <= 2^(k-2)
 * @code_off: window offset of the code's first byte (32-aligned, >= 4096)
 * @tramp_entries: trampoline entries at window offsets 0, 32, 64...
 */
struct elfk_verify_cfg {
	u32 window_bits;
	u32 code_bits;
	u64 guard;
	u64 code_off;
	u32 tramp_entries;
};

/**
 * struct elfk_verify_stats - what a successful verification measured
 * @insns: instructions decoded
 * @drift: Sigma of rule S5
 */
struct elfk_verify_stats {
	u64 insns;
	u64 drift;
};

int elfk_x86_verify(const u8 *code, size_t size,
		    const struct elfk_verify_cfg *cfg,
		    struct elfk_verify_stats *stats, struct elfk_log *log);

#endif /* _ELFK_X86_64_VERIFY_H */
