# expect: C8
	.include "sandbox.inc"
	leave
	END
