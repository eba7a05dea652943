# expect: C5
	.include "sandbox.inc"
1:	nop
	jmp 1b
	END
