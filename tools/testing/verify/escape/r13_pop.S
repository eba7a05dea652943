# expect: R2
	.include "sandbox.inc"
	pop %r13
	END
