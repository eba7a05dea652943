# expect: M6
	.include "sandbox.inc"
	movl $1, 0x1000
	END
