# expect: R1
	.include "sandbox.inc"
	add $1, %r15w
	END
