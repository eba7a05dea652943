# expect: C1
	.include "sandbox.inc"
	.fill 26, 1, 0x90
	and $SMASK, %esp
