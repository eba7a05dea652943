# expect: I4
	.include "sandbox.inc"
	lgdt (%rax)
	END
