# expect: C8
	.include "sandbox.inc"
	.byte 0xea, 0, 0, 0, 0, 0x10, 0
	END
