# expect: S3
	.include "sandbox.inc"
	pop %rsp
	END
