# expect: R2
	.include "sandbox.inc"
	sub $-1, %r13
	END
