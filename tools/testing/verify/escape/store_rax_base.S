# expect: M6
	.include "sandbox.inc"
	mov %ebx, (%rax)
	END
