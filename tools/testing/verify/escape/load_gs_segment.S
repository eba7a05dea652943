# expect: I6
	.include "sandbox.inc"
	mov %gs:0x10, %rax
	END
