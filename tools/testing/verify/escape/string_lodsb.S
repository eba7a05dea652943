# expect: I5
	.include "sandbox.inc"
	lodsb
	END
