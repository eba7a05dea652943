# expect: C8
	.include "sandbox.inc"
	ljmp *(%rax)
	END
