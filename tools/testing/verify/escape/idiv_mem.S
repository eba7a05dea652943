# expect: I2
	.include "sandbox.inc"
	idivl 8(%rsp)
	END
