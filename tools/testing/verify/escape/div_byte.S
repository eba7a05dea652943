# expect: I2
	.include "sandbox.inc"
	divb %cl
	END
