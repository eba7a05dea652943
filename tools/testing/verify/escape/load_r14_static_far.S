# expect: M3
	.include "sandbox.inc"
	mov 0x2000000(%r14), %eax
	END
