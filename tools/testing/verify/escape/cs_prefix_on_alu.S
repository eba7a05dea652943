# expect: I6
	.include "sandbox.inc"
	.byte 0x2e, 0x01, 0xc3
	END
