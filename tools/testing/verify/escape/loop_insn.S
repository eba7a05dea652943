# expect: C8
	.include "sandbox.inc"
1:	loop 1b
	END
