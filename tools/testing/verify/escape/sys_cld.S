# expect: I4
	.include "sandbox.inc"
	cld
	END
