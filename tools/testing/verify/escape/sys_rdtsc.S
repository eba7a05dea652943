# expect: I4
	.include "sandbox.inc"
	rdtsc
	END
