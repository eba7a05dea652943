# expect: R1
	.include "sandbox.inc"
	pop %r14
	END
