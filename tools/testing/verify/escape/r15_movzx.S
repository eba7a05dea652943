# expect: R1
	.include "sandbox.inc"
	movzbl %al, %r15d
	END
