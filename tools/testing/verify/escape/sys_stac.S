# expect: I4
	.include "sandbox.inc"
	stac
	END
