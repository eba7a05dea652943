# expect: I2
	.include "sandbox.inc"
	idiv %ecx
	END
