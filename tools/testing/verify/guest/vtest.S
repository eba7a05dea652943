/* SPDX-License-Identifier: GPL-2.0 */
/* The guest's verified object (run-verified.sh). */
	.include "guest.inc"

/* add1(x): x + 1 */
FUNC add1
	lea 1(%rdi), %rax
	FRET

/* sum(buf, len): the bytes of buf added up (masked loads, M1) */
FUNC sum
	xor %eax, %eax
	test %rsi, %rsi
	jz 2f
1:	FUEL
	.balign 32, 0x90
	.bundle_lock
	and $LMASK, %edi
	movzbl (%r14,%rdi,1), %ecx
	.bundle_unlock
	add %rcx, %rax
	add $1, %rdi
	sub $1, %rsi
	jz 2f
	BACK jmp, 1b
2:	FRET

/* fill(buf, len, byte): masked stores (M2) into an OUT buffer */
FUNC fill
	test %rsi, %rsi
	jz 2f
1:	FUEL
	.balign 32, 0x90
	.bundle_lock
	and $SMASK, %edi
	mov %dl, (%r15,%rdi,1)
	.bundle_unlock
	add $1, %rdi
	sub $1, %rsi
	jz 2f
	BACK jmp, 1b
2:	mov $0, %eax
	FRET

/* spin(): for ever */
FUNC spin
1:	BACK jmp, 1b

/* recurse(): without end */
FUNC recurse
	push %rdi
	FCALL recurse
	FRET

/* give_up(): jump to the abort trampoline */
FUNC give_up
	jmp T_ABORT

/* trap(): a masked jump into the code region's unused trap bundles */
FUNC trap
	mov $0x80000, %eax
	IJMP %eax, %rax, 0

/* helpers(): helper 0, then helper 2 logs a string from read-only data */
FUNC helpers
	mov $5, %edi
	HELPER 0
	mov %rax, %rbx
	lea msg(%rip), %rdi
	mov $msg_len, %esi
	HELPER 2
	add %rbx, %rax
	FRET

/* copy(dst, src, len): helper 1 */
FUNC copy
	HELPER 1
	FRET

/* bad_copy(dst): helper 1 with a source outside the window: refused */
FUNC bad_copy
	mov $-4096, %rsi
	mov $16, %edx
	HELPER 1
	FRET
	END

	.section .rodata
msg:	.ascii "vtest says hello"
	.set msg_len, . - msg
