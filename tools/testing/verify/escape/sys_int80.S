# expect: I4
	.include "sandbox.inc"
	int $0x80
	END
