# expect: I4
	.include "sandbox.inc"
	fxsave (%rax)
	END
