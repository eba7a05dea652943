# expect: C8
	.include "sandbox.inc"
	lret
	END
