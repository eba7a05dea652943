# expect: I4
	.include "sandbox.inc"
	mwait
	END
