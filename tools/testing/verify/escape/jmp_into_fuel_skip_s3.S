# expect: C3
	.include "sandbox.inc"
	jmp 1f
	.balign 32, 0x90
	.fill 12, 1, 0x90
	and $SMASK, %esp
	add %r15, %rsp
1:	sub $1, %r13
	jae . + 7
	call T_FUEL
	END
