# expect: I4
	.include "sandbox.inc"
	sfence
	END
