# expect: I3
	.include "sandbox.inc"
	popcnt %rax, %rbx
	END
