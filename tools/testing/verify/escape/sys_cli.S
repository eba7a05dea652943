# expect: I4
	.include "sandbox.inc"
	cli
	END
