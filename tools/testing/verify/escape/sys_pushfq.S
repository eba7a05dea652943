# expect: I4
	.include "sandbox.inc"
	pushfq
	END
