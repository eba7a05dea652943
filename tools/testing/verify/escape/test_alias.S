# expect: I7
	.include "sandbox.inc"
	.byte 0xf7, 0xc8, 0, 0, 0, 0
	END
