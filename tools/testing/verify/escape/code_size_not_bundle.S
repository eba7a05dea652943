# expect: W4
	.include "sandbox.inc"
	.fill 33, 1, 0x90
