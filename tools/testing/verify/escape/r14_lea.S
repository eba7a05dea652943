# expect: R1
	.include "sandbox.inc"
	lea 8(%rax), %r14
	END
