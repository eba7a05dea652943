# expect: I6
	.include "sandbox.inc"
	.byte 0xf2, 0x01, 0xc3
	END
