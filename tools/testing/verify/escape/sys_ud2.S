# expect: I4
	.include "sandbox.inc"
	ud2
	END
