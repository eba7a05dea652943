# expect: S3
	.include "sandbox.inc"
	and $SMASK, %esp
	nop
	END
