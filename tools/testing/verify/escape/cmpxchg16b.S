# expect: I4
	.include "sandbox.inc"
	cmpxchg16b (%rsp)
	END
