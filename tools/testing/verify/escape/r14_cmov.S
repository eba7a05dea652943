# expect: R1
	.include "sandbox.inc"
	cmove %rax, %r14
	END
