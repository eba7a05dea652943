# expect: R1
	.include "sandbox.inc"
	xadd %r15, %rax
	END
