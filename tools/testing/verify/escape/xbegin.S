# expect: I7
	.include "sandbox.inc"
	xbegin .
	END
