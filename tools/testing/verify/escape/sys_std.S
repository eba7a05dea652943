# expect: I4
	.include "sandbox.inc"
	std
	END
