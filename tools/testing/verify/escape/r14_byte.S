# expect: R1
	.include "sandbox.inc"
	mov $1, %r14b
	END
