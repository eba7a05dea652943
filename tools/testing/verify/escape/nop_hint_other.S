# expect: I7
	.include "sandbox.inc"
	.byte 0x0f, 0x1f, 0xc8
	END
