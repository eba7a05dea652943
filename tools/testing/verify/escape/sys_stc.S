# expect: I4
	.include "sandbox.inc"
	stc
	END
