# expect: I4
	.include "sandbox.inc"
	wbinvd
	END
