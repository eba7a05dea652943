# expect: I4
	.include "sandbox.inc"
	rdrand %rax
	END
