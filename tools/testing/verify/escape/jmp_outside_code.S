# expect: C3
	.include "sandbox.inc"
	jmp 0x200000
	END
