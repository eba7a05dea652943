# expect: I4
	.include "sandbox.inc"
	lidt (%rax)
	END
