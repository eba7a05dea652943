# expect: M1
	.include "sandbox.inc"
	mov (%r14,%rcx,1), %ebx
	END
