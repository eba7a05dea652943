# expect: M3
	.include "sandbox.inc"
	mov %eax, -0x200000(%r15)
	END
