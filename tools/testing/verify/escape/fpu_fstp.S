# expect: I3
	.include "sandbox.inc"
	fstpt (%rsp)
	END
