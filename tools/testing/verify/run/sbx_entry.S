/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The host runner's entry routine and trampoline handlers (tramp-abi).
 * The trampoline page in the window holds, per 32-byte entry, "jmp
 * *2(%rip)" and the address of one of the handlers below.  Handlers
 * run on the sandbox stack, as sandboxed code called them; they touch
 * only the registers the contract lets them.
 */
	.text

/* long sbx_enter(const u64 regs[11]): rip, rsp, r13, r14, r15, args[6] */
	.globl sbx_enter
	.type sbx_enter, @function
sbx_enter:
	push %rbp
	push %rbx
	push %r12
	push %r13
	push %r14
	push %r15
	mov %rsp, sbx_host_rsp(%rip)
	mov %rdi, %r11
	mov 8(%r11), %rsp
	pushq 0(%r11)
	mov 16(%r11), %r13
	mov 24(%r11), %r14
	mov 32(%r11), %r15
	mov 40(%r11), %rdi
	mov 48(%r11), %rsi
	mov 56(%r11), %rdx
	mov 64(%r11), %rcx
	mov 72(%r11), %r8
	mov 80(%r11), %r9
	xor %eax, %eax
	xor %ebx, %ebx
	xor %ebp, %ebp
	xor %r10d, %r10d
	xor %r11d, %r11d
	xor %r12d, %r12d
	ret			/* into the sandbox: pops the entry point */

/*
 * T_EXIT: the function returned; %rax is the CALL's result.  %r13, the
 * fuel the last slice left, is kept for the life cycle's shared budget.
 */
	.globl sbx_exit_h
sbx_exit_h:
	mov %r13, sbx_exit_r13(%rip)
	mov sbx_host_rsp(%rip), %rsp
	pop %r15
	pop %r14
	pop %r13
	pop %r12
	pop %rbx
	pop %rbp
	ret

/* T_ABORT and unused entries */
	.globl sbx_abort_h
sbx_abort_h:
	movl $-14, sbx_status(%rip)
	mov $-14, %rax
	jmp sbx_exit_h

sbx_timeout_h:
	movl $-62, sbx_status(%rip)
	mov $-62, %rax
	jmp sbx_exit_h

/* T_FUEL: refill %r13 from the budget, resume at the fuel bundle (F2) */
	.globl sbx_fuel_h
sbx_fuel_h:
	mov sbx_slice(%rip), %r13
	sub %r13, sbx_budget(%rip)
	jb sbx_timeout_h
	push %rax
	mov 8(%rsp), %rax
	sub $32, %rax
	and sbx_bmask(%rip), %rax
	add %r14, %rax
	mov %rax, 8(%rsp)
	pop %rax
	ret

/* T_IND(R): refill, re-mask %rR, jump to it (C6) */
	.irp R, rax, rcx, rdx, rbx, rbp, rsi, rdi, r8, r9, r10, r11, r12
	.globl sbx_ind_\R
sbx_ind_\R:
	mov sbx_slice(%rip), %r13
	sub %r13, sbx_budget(%rip)
	jb sbx_timeout_h
	and sbx_bmask(%rip), %\R
	add %r14, %\R
	jmp *%\R
	.endr

/* T_HELPER(0): returns 0, charging one unit */
	.globl sbx_helper0_h
sbx_helper0_h:
	subq $1, sbx_budget(%rip)
	jb sbx_timeout_h
	xor %eax, %eax
	pop %r11
	and sbx_bmask(%rip), %r11
	add %r14, %r11
	jmp *%r11

/*
 * T_HELPER(2): log(str, len) into sbx_log (sbx_log_h_c() checks the
 * range), charging one unit.  The C function keeps the callee-saved
 * registers, %r13-%r15 among them.
 */
	.globl sbx_helper2_h
sbx_helper2_h:
	subq $1, sbx_budget(%rip)
	jb sbx_timeout_h
	push %rbp
	mov %rsp, %rbp
	and $-16, %rsp
	call sbx_log_h_c
	mov %rbp, %rsp
	pop %rbp
	pop %r11
	and sbx_bmask(%rip), %r11
	add %r14, %r11
	jmp *%r11

	.section .note.GNU-stack, "", @progbits
