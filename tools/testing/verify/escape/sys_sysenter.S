# expect: I4
	.include "sandbox.inc"
	sysenter
	END
