# expect: C8
	.include "sandbox.inc"
	enter $16, $0
	END
