# expect: I4
	.include "sandbox.inc"
	mov %cr3, %rax
	END
