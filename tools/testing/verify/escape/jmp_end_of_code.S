# expect: C3
	.include "sandbox.inc"
	jmp 1f
	END
1:
