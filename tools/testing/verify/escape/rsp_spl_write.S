# expect: S3
	.include "sandbox.inc"
	mov $0, %spl
	END
