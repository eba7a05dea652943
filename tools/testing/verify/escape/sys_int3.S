# expect: I4
	.include "sandbox.inc"
	int3
	END
