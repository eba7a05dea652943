# expect: F2
	.include "sandbox.inc"
	.fill 21, 1, 0x90
	sub $1, %r13
	jae . + 7
	call T_FUEL
	jmp .
	END
