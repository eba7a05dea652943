# expect: M6
	.include "sandbox.inc"
	push (%rax)
	END
