# expect: I4
	.include "sandbox.inc"
	invlpg (%rax)
	END
