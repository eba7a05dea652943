# expect: I4
	.include "sandbox.inc"
	lldt %ax
	END
