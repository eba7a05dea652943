# expect: C7
	.include "sandbox.inc"
	ret $8
	END
