# expect: M5
	.include "sandbox.inc"
	.set FAR, 0x3000000
	mov FAR(%rip), %eax
	END
