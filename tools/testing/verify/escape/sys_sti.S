# expect: I4
	.include "sandbox.inc"
	sti
	END
