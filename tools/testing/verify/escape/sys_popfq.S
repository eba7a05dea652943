# expect: I4
	.include "sandbox.inc"
	popfq
	END
