# expect: I4
	.include "sandbox.inc"
	xsave (%rax)
	END
