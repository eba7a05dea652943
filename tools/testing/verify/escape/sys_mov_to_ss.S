# expect: I4
	.include "sandbox.inc"
	mov %ax, %ss
	END
