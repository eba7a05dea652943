# expect: M4
	.include "sandbox.inc"
	mov %eax, 0x10000(%rsp)
	END
