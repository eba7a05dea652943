# expect: C7
	.include "sandbox.inc"
	ret
	END
