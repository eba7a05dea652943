# expect: I3
	.include "sandbox.inc"
	vpxor %ymm0, %ymm0, %ymm0
	END
