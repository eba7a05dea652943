# expect: I4
	.include "sandbox.inc"
	cmc
	END
