# expect: C5
	.include "sandbox.inc"
f:	.fill 27, 1, 0x90
	call f
	END
