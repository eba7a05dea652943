# expect: I4
	.include "sandbox.inc"
	mov %rax, %db7
	END
