# expect: C5
	.include "sandbox.inc"
1:	FUEL
	pause
	jmp 1b
	END
