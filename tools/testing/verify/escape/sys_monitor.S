# expect: I4
	.include "sandbox.inc"
	monitor
	END
