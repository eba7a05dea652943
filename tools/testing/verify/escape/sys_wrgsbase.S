# expect: I4
	.include "sandbox.inc"
	wrgsbase %rax
	END
