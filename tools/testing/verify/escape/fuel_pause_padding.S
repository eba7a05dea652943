# expect: F2
	.include "sandbox.inc"
	.balign 32, 0x90
	.fill 10, 1, 0x90
	pause
	and $SMASK, %esp
	add %r15, %rsp
	sub $1, %r13
	jae . + 7
	call T_FUEL
	nop
	END
