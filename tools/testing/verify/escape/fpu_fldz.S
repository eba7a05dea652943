# expect: I3
	.include "sandbox.inc"
	fldz
	END
