# expect: I4
	.include "sandbox.inc"
	lfence
	END
