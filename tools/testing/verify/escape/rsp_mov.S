# expect: S3
	.include "sandbox.inc"
	mov %rax, %rsp
	END
