# expect: I6
	.include "sandbox.inc"
	.byte 0xf0, 0x01, 0xc3
	END
