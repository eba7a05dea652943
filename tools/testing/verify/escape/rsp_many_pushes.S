# expect: S5
	.include "sandbox.inc"
	.rept 140000
	push %rax
	.endr
	END
