# expect: I7
	.include "sandbox.inc"
	.byte 0x0f, 0x94, 0xc8
	END
