/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Retpoline and return thunks linked into every elfk plugin.
 *
 * The SDK compiles plugins like the kernel compiles itself, with
 * -mindirect-branch=thunk-extern and -mfunction-return=thunk-extern: every
 * indirect call or jump becomes "call/jmp __x86_indirect_thunk_<reg>" and
 * every return becomes "jmp __x86_return_thunk".
 *
 * elfk does export the kernel's own thunks, but a plugin is a -fPIC shared
 * object and may be mapped anywhere: a call to an undefined function is
 * either a PLT stub or, with -fno-plt, "call *sym@GOTPCREL(%rip)".  Both
 * are indirect branches, so reaching the kernel's thunk for every return
 * and indirect call would itself need an unmitigated indirect branch, the
 * very thing the thunks exist to avoid (and a PLT that IBT would also have
 * to bless).  So the SDK links these local copies into every object, with
 * hidden visibility: the linker binds the thunk calls to PC-relative direct
 * calls inside the object, there is no PLT and no dynamic relocation, and
 * the only indirect branches in a plugin are the ones below.
 *
 * The price: the kernel patches its own __x86_return_thunk at boot (for
 * retbleed/SRSO untraining) and may turn its retpolines into plain
 * "jmp *%reg" or lfence sequences; these copies are not patched.  Indirect
 * branches here are always full retpolines (the safe, slower choice); the
 * return thunk is a plain "ret" followed by an int3 that stops straight-line
 * speculation, like the kernel's with return mitigations off.  Calls into
 * the kernel (memcpy, elfk_self_printk, ...) are "mov sym@GOTPCREL(%rip),
 * %rax; call __x86_indirect_thunk_rax", i.e. they go through a retpoline.
 *
 * Neither thunk starts with ENDBR: they are only ever reached by direct
 * calls, and a needless ENDBR would be an extra IBT landing pad.  The
 * retpoline's own "ret" lands on the target without an indirect branch, so
 * IBT does not check it (as in the kernel).  Unwind information goes to
 * .debug_frame, which is not loaded: plugins carry no .eh_frame.
 *
 * Copyright (C) 2026 The elfk authors
 */

#include <cet.h>		/* .note.gnu.property: IBT, like the C objects */

	.cfi_sections .debug_frame
	.section .text.__x86_indirect_thunk, "ax", @progbits

/*
 * __x86_indirect_thunk_<reg>: a retpoline.  The call pushes the address of
 * the speculation trap and goes to 2:, which overwrites that return address
 * with the real target and returns to it.  The return-stack-buffer predicts
 * a return to 1:, so a speculating CPU spins in pause/lfence there instead
 * of executing an attacker-trained indirect-branch prediction.
 */
.macro ELFK_RETPOLINE reg
	.p2align 5
	.globl __x86_indirect_thunk_\reg
	.hidden __x86_indirect_thunk_\reg
	.type __x86_indirect_thunk_\reg, @function
__x86_indirect_thunk_\reg:
	.cfi_startproc
	call 2f
	.cfi_adjust_cfa_offset 8
1:	pause
	lfence
	jmp 1b
2:	mov %\reg, (%rsp)
	ret
	int3
	.cfi_endproc
	.size __x86_indirect_thunk_\reg, . - __x86_indirect_thunk_\reg
.endm

	/* Every general-purpose register but %rsp, as in the kernel. */
	ELFK_RETPOLINE rax
	ELFK_RETPOLINE rbx
	ELFK_RETPOLINE rcx
	ELFK_RETPOLINE rdx
	ELFK_RETPOLINE rsi
	ELFK_RETPOLINE rdi
	ELFK_RETPOLINE rbp
	ELFK_RETPOLINE r8
	ELFK_RETPOLINE r9
	ELFK_RETPOLINE r10
	ELFK_RETPOLINE r11
	ELFK_RETPOLINE r12
	ELFK_RETPOLINE r13
	ELFK_RETPOLINE r14
	ELFK_RETPOLINE r15

/* __x86_return_thunk: the only "ret" a compiled function reaches. */
	.p2align 5
	.globl __x86_return_thunk
	.hidden __x86_return_thunk
	.type __x86_return_thunk, @function
__x86_return_thunk:
	.cfi_startproc
	ret
	int3
	.cfi_endproc
	.size __x86_return_thunk, . - __x86_return_thunk

	.section .note.GNU-stack, "", @progbits
