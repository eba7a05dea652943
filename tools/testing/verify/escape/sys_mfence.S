# expect: I4
	.include "sandbox.inc"
	mfence
	END
