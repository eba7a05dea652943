# expect: I4
	.include "sandbox.inc"
	rdtscp
	END
