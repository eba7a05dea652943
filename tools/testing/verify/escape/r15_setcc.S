# expect: R1
	.include "sandbox.inc"
	sete %r15b
	END
