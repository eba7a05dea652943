# expect: I4
	.include "sandbox.inc"
	wrmsr
	END
