# expect: C3
	.include "sandbox.inc"
	.fill 27, 1, 0x90
	call 0x30
	END
