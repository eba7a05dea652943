# expect: I5
	.include "sandbox.inc"
	rep movsb
	END
