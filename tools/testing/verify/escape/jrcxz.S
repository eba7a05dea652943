# expect: C8
	.include "sandbox.inc"
1:	jrcxz 1b
	END
