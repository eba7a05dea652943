# expect: I3
	.include "sandbox.inc"
	pxor %mm0, %mm0
	END
