# expect: R2
	.include "sandbox.inc"
	add $1000, %r13
	END
