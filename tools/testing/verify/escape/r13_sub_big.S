# expect: R2
	.include "sandbox.inc"
	sub $128, %r13
	END
