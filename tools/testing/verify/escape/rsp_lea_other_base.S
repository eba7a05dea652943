# expect: S3
	.include "sandbox.inc"
	lea 8(%rax), %rsp
	END
