# expect: M8
	.include "sandbox.inc"
	bt %rax, (%r15)
	END
