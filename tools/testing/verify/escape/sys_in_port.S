# expect: I4
	.include "sandbox.inc"
	in $0x80, %al
	END
