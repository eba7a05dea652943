# expect: C6
	.include "sandbox.inc"
	jmp *(%r15)
	END
