# expect: M5
	.include "sandbox.inc"
code:
	movl $0x90909090, code(%rip)
	END
