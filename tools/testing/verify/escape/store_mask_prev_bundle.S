# expect: M2
	.include "sandbox.inc"
	.balign 32, 0x90
	.fill 27, 1, 0x90
	and $SMASK, %eax
	mov %ebx, (%r15,%rax,1)
	END
