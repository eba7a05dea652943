# expect: C5
	.include "sandbox.inc"
1:	dec %ecx
	jnz 1b
	END
