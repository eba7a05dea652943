# expect: I4
	.include "sandbox.inc"
	clac
	END
