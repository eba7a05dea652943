# expect: I4
	.include "sandbox.inc"
	lahf
	END
