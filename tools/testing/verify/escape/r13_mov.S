# expect: R2
	.include "sandbox.inc"
	mov $100000, %r13
	END
