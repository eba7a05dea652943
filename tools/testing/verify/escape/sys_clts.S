# expect: I4
	.include "sandbox.inc"
	clts
	END
