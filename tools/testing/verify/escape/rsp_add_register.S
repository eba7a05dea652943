# expect: S3
	.include "sandbox.inc"
	add %rax, %rsp
	END
