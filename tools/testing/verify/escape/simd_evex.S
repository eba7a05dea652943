# expect: I3
	.include "sandbox.inc"
	vpxord %zmm0, %zmm0, %zmm0
	END
