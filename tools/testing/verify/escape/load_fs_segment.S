# expect: I6
	.include "sandbox.inc"
	mov %fs:0, %rax
	END
