# expect: ok
/* The throughput bench's input: about 900 KiB of typical confined code
 * (masked loads and stores, stack traffic, ALU, fuelled loops, calls,
 * returns). */
	.include "sandbox.inc"
	.rept 3200
1:	FUEL
	mov %rdi, %rax
	add $1, %rcx
	STORE32 %ebx, %eax, %rax, 8
	LOAD32 %esi, %rsi, %edx, -4
	mov %eax, 16(%rsp)
	lea 8(%rsp), %rdx
	imul %rcx, %rdx
	shl $3, %rdi
	cmp %rdx, %rax
	jne 2f
	xor %esi, %esi
2:	movzbl %al, %ecx
	test %ecx, %ecx
	BACK jnz, 1b
	push %rbx
	FCALL 3f
	pop %rbx
	.balign 32, 0x90
3:	FRET
	.endr
	END
