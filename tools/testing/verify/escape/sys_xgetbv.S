# expect: I4
	.include "sandbox.inc"
	xgetbv
	END
