# expect: I4
	.include "sandbox.inc"
	out %al, $0x80
	END
