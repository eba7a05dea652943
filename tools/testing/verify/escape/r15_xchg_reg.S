# expect: R1
	.include "sandbox.inc"
	xchg %rbx, %r15
	END
