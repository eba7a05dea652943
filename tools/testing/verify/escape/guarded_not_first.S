# expect: C5
	.include "sandbox.inc"
1:	FUEL
	mov $1, %eax
	jmp 1b
	END
