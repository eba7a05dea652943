# expect: I4
	.include "sandbox.inc"
	hlt
	END
