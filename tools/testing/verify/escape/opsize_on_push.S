# expect: I6
	.include "sandbox.inc"
	.byte 0x66, 0x50
	END
