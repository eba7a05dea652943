# expect: R1
	.include "sandbox.inc"
	.byte 0x49, 0x96
	END
