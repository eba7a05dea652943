# expect: I4
	.include "sandbox.inc"
	in (%dx), %eax
	END
