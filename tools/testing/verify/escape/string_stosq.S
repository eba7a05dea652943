# expect: I5
	.include "sandbox.inc"
	stosq
	END
