# expect: C4
	.include "sandbox.inc"
	call T_HELPER
	nop
	END
