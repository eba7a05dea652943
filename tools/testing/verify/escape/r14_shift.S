# expect: R1
	.include "sandbox.inc"
	shl $1, %r14
	END
