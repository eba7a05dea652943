# expect: R1
	.include "sandbox.inc"
	cmpxchg %rax, %r14
	END
