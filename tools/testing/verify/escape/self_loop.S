# expect: C5
	.include "sandbox.inc"
	jmp .
	END
