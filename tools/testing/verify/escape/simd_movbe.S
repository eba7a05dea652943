# expect: I3
	.include "sandbox.inc"
	movbe (%rsp), %eax
	END
