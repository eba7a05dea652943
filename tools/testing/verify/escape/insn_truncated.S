# expect: C2
	.include "sandbox.inc"
	.fill 31, 1, 0x90
	.byte 0xb8
