# expect: I4
	.include "sandbox.inc"
	.byte 0xce
	END
