# expect: M6
	.include "sandbox.inc"
	mov %eax, (%rsp,%rax,1)
	END
