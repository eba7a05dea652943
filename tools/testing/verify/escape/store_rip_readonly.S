# expect: M5
	.include "sandbox.inc"
	.set RODATA, 0x100000
	mov %eax, RODATA(%rip)
	END
