# expect: I2
	.include "sandbox.inc"
	div %rcx
	END
