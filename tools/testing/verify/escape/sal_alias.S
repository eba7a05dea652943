# expect: I7
	.include "sandbox.inc"
	.byte 0xd1, 0xf0
	END
