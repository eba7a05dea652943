# expect: I4
	.include "sandbox.inc"
	rdmsr
	END
