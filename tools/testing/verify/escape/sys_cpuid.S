# expect: I4
	.include "sandbox.inc"
	cpuid
	END
