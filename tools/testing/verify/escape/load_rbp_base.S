# expect: M6
	.include "sandbox.inc"
	mov 8(%rbp), %eax
	END
