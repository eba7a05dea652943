# expect: I4
	.include "sandbox.inc"
	mov %rax, %cr0
	END
