# expect: I4
	.include "sandbox.inc"
	mov %fs, %ax
	END
