# expect: S3
	.include "sandbox.inc"
	xchg %rax, %rsp
	END
