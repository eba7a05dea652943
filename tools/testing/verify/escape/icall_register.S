# expect: C6
	.include "sandbox.inc"
	call *%rax
	END
