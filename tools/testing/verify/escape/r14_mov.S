# expect: R1
	.include "sandbox.inc"
	mov %rax, %r14
	END
