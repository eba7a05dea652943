# expect: I4
	.include "sandbox.inc"
	clc
	END
