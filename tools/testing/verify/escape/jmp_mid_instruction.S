# expect: C3
	.include "sandbox.inc"
	jmp 1f + 1
1:	mov $0x12345678, %eax
	END
