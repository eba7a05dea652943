# expect: I4
	.include "sandbox.inc"
	rdpmc
	END
