# expect: R1
	.include "sandbox.inc"
	bswap %r14
	END
