# expect: R1
	.include "sandbox.inc"
	neg %r14d
	END
