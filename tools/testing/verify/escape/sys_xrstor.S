# expect: I4
	.include "sandbox.inc"
	xrstor (%rax)
	END
