# expect: I4
	.include "sandbox.inc"
	iretq
	END
