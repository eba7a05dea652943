# expect: ok
/* M1, M2, M3, M4, M5: every confined addressing form, several registers */
	.include "sandbox.inc"
	.set DATA, 0x800100	/* in the writable half */
	.set RODATA, 0x100000	/* read-only data */
	STORE32 %ebx, %eax, %rax
	STORE32 %ecx, %edx, %rdx, 0x7ff0
	STORE32 %ecx, %r8d, %r8, -0x8000
	STORE32 %eax, %r12d, %r12, 4
	LOAD32 %esi, %rsi, %edi
	LOAD32 %r9d, %r9, %r10d, -16
	.bundle_lock
	and $SMASK, %r11d
	movb $1, 3(%r15,%r11,1)
	.bundle_unlock
	.bundle_lock
	and $SMASK, %ecx
	lock cmpxchg %ebx, (%r15,%rcx,1)
	.bundle_unlock
	.bundle_lock
	and $SMASK, %ecx
	lock xadd %rbx, 8(%r15,%rcx,1)
	.bundle_unlock
	.bundle_lock
	and $SMASK, %ecx
	lock btsq $3, (%r15,%rcx,1)
	.bundle_unlock
	.bundle_lock
	and $LMASK, %edx
	cmovne (%r14,%rdx,1), %eax
	.bundle_unlock
	.bundle_lock
	and $LMASK, %edx
	push (%r14,%rdx,1)
	.bundle_unlock
	pop %rax
	mov 0x100(%r14), %rax		/* M3 */
	mov %rax, 0x100(%r15)
	mov -8(%r15), %rax
	mov %eax, 8(%rsp)		/* M4 */
	mov -0x7000(%rsp), %rbx
	mov DATA(%rip), %eax		/* M5 */
	mov %eax, DATA(%rip)
	mov RODATA(%rip), %ecx
	lea 0x12345678(%rax,%rbx,8), %rdx	/* M7 */
	lea RODATA(%rip), %rsi
	nopw 0x0(%rax,%rax,1)
	END
