# expect: ok
/* I6: the assembler's own padding nops (66 66 2e 0f 1f 84 ...) */
	.include "sandbox.inc"
	mov %eax, %ebx
	.balign 32
	mov %ecx, %edx
	.p2align 5
	inc %eax
	.balign 32
