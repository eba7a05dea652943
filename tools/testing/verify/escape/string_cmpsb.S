# expect: I5
	.include "sandbox.inc"
	repe cmpsb
	END
