# expect: C3
	.include "sandbox.inc"
	jmp 0x800
	END
