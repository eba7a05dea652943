# expect: I4
	.include "sandbox.inc"
	wrfsbase %rax
	END
