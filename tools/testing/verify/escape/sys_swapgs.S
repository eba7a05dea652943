# expect: I4
	.include "sandbox.inc"
	swapgs
	END
