# expect: C1
	.include "sandbox.inc"
	.fill 30, 1, 0x90
	.byte 0xb8, 1, 2, 3, 4
	END
