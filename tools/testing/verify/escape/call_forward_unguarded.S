# expect: C5
	.include "sandbox.inc"
	.fill 27, 1, 0x90
	call f
f:	nop
	END
