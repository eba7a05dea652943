/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Verified mode's entry and trampoline code (Documentation/verified-mode.rst,
 * K5-K7 and T1-T9).  Sandboxed code runs with interrupts disabled on its own
 * stack inside its window; it reaches this code only through the window's
 * trampoline page, whose slot n jumps to elfk_sb_stubs + 32 * n.  Each stub
 * saves the sandbox's %rsp and loads the kernel's from per-CPU memory (%gs
 * cannot be changed by verified code, I4 and M6), so nothing the kernel acts
 * on is ever read from the window.
 *
 * objtool does not check this file (Kbuild, STACK_FRAME_NON_STANDARD): it
 * switches stacks by design.
 * The stubs begin with ENDBR; the jumps into the sandbox cannot (verified
 * code carries no ENDBR), so LOAD refuses verified mode when the kernel
 * enforces indirect branch tracking.
 */
#include <linux/linkage.h>
#include <linux/objtool.h>
#include <asm/percpu.h>
#include <asm/ibt.h>
#include <asm/nospec-branch.h>
#include "../../elfk/sandbox.h"

	.text

/*
 * void elfk_sb_enter(struct elfk_sb_frame *frame): called with interrupts
 * disabled; frame starts with the sandbox's struct elfk_sb_regs.  Returns
 * when a trampoline handler ends the CALL (elfk_sb_trap() != 0).
 */
SYM_FUNC_START(elfk_sb_enter)
	push %rbp
	mov %rsp, %rbp
	push %rbx
	push %r12
	push %r13
	push %r14
	push %r15
	pushfq
	push %rdi		/* the frame, right above the registers */
	cli
	sub $ELFK_SB_REGS_SIZE, %rsp
	mov %rdi, %rsi
	mov %rsp, %rdi
	mov $(ELFK_SB_REGS_SIZE / 8), %ecx
	rep movsq
.Lresume:
	/* %rsp: the registers; above them the frame slot, the kernel %rsp */
	lea ELFK_SB_REGS_SIZE(%rsp), %rax
	movq %rax, PER_CPU_VAR(elfk_sb_krsp)
	movq ELFK_SB_REG_RSP(%rsp), %rax
	movq %rax, PER_CPU_VAR(elfk_sb_ursp)
	movq ELFK_SB_REG_RIP(%rsp), %rax
	movq %rax, PER_CPU_VAR(elfk_sb_target)
	pop %r15
	pop %r14
	pop %r13
	pop %r12
	pop %r11
	pop %r10
	pop %r9
	pop %r8
	pop %rdi
	pop %rsi
	pop %rbp
	pop %rbx
	pop %rdx
	pop %rcx
	pop %rax
	movq PER_CPU_VAR(elfk_sb_ursp), %rsp
	ANNOTATE_RETPOLINE_SAFE
	jmp *PER_CPU_VAR(elfk_sb_target)

.Ltrap_common:
	/* kernel stack: the kind on top; sandbox registers all live */
	pushq PER_CPU_VAR(elfk_sb_ursp)
	pushq $0
	push %rax
	push %rcx
	push %rdx
	push %rbx
	push %rbp
	push %rsi
	push %rdi
	push %r8
	push %r9
	push %r10
	push %r11
	push %r12
	push %r13
	push %r14
	push %r15
	/* A frame chain that unwinders can follow: elfk_sb_enter's own. */
	lea (ELFK_SB_REGS_SIZE + 7 * 8)(%rsp), %rbp
	mov %rsp, %rdi
	call elfk_sb_trap
	cli
	test %eax, %eax
	jz .Lresume
	add $(ELFK_SB_REGS_SIZE + 8), %rsp
	popfq
	pop %r15
	pop %r14
	pop %r13
	pop %r12
	pop %rbx
	pop %rbp
	RET
SYM_FUNC_END(elfk_sb_enter)
STACK_FRAME_NON_STANDARD elfk_sb_enter

/* Slot n of every window's trampoline page jumps to elfk_sb_stubs + 32 * n. */
	.balign ELFK_SB_SLOT_SIZE
/* No SYM_FUNC_START: its ENDBR would shift the 32-byte stride. */
SYM_START(elfk_sb_stubs, SYM_L_GLOBAL, SYM_A_ALIGN)
	.set .Lkind, 0
	.rept ELFK_SB_NR_STUBS
	/* .org refuses to move backwards: a stub over 32 bytes fails the build */
	.org elfk_sb_stubs + .Lkind * ELFK_SB_SLOT_SIZE, 0xcc
	ENDBR
	movq %rsp, PER_CPU_VAR(elfk_sb_ursp)
	movq PER_CPU_VAR(elfk_sb_krsp), %rsp
	pushq $.Lkind
	jmp .Ltrap_common
	.set .Lkind, .Lkind + 1
	.endr
	.org elfk_sb_stubs + ELFK_SB_NR_STUBS * ELFK_SB_SLOT_SIZE, 0xcc
SYM_FUNC_END(elfk_sb_stubs)
STACK_FRAME_NON_STANDARD elfk_sb_stubs
