# expect: C5
	.include "sandbox.inc"
1:	FUEL
	.balign 32, 0x90
	.fill 32, 1, 0x90
	jmp 1b
	END
