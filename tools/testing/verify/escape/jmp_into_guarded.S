# expect: C3
	.include "sandbox.inc"
2:	jmp 1f
	FUEL
1:	jmp 2b
	END
