# expect: R1
	.include "sandbox.inc"
	mov %eax, %r15d
	END
