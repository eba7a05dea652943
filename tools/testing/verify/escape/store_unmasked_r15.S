# expect: M2
	.include "sandbox.inc"
	mov %ebx, (%r15,%rax,1)
	END
