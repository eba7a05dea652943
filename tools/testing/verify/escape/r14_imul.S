# expect: R1
	.include "sandbox.inc"
	imul $3, %rax, %r14
	END
