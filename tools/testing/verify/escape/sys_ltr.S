# expect: I4
	.include "sandbox.inc"
	ltr %ax
	END
