# expect: R1
	.include "sandbox.inc"
	xchg %r14, %rbx
	END
